import { cardClientField, operationSelector, resourceFields } from '../../kernel/params';
import * as deleteFile from './delete.operation';
import * as getAll from './getAll.operation';

/** The file operations, in the order the Operation selector shows them. */
const operations = [deleteFile, getAll];

export const fileOperations = operationSelector('file', operations, 'getAll');
export const fileFields = resourceFields('file', operations, [cardClientField]);
