import { clientIdField, operationSelector, resourceFields } from '../../kernel/params';
import * as create from './create.operation';
import * as deleteComment from './delete.operation';
import * as getAll from './getAll.operation';

/** The comment operations, in the order the Operation selector shows them. */
const operations = [create, deleteComment, getAll];

/** Every comment operation works on one client's card. */
const client = { ...clientIdField, description: 'The client whose card holds the comments' };

export const commentOperations = operationSelector('comment', operations, 'getAll');
export const commentFields = resourceFields('comment', operations, [client]);
