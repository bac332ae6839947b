import { operationSelector, resourceFields } from '../../kernel/params';
import * as create from './create.operation';
import * as createMany from './createMany.operation';
import * as deleteClient from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllLegacy from './getAllLegacy.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** The client operations, in the order the Operation selector shows them. */
const operations = [create, createMany, upsert, deleteClient, get, getAll, getAllLegacy, update];

export const clientOperations = operationSelector('client', operations, 'getAll');
export const clientFields = resourceFields('client', operations);
