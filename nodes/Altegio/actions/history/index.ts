import { operationSelector, resourceFields } from '../../kernel/params';
import * as getAll from './getAll.operation';

/** The visit history operations, in the order the Operation selector shows them. */
const operations = [getAll];

export const historyOperations = operationSelector('history', operations, 'getAll');
export const historyFields = resourceFields('history', operations);
