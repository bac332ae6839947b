import { cardClientField, operationSelector, resourceFields } from '../../kernel/params';
import * as create from './create.operation';
import * as deleteComment from './delete.operation';
import * as getAll from './getAll.operation';

/** The comment operations, in the order the Operation selector shows them. */
const operations = [create, deleteComment, getAll];

export const commentOperations = operationSelector('comment', operations, 'getAll');
export const commentFields = resourceFields('comment', operations, [cardClientField]);
