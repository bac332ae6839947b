import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';
import { sendOnce } from '../../shared/routing';
import { toClientOutput } from './clientRecord';

/** The client, defined once for Get, Update and Delete. */
export const clientIdForClients: INodeProperties = {
	...clientIdField,
	displayOptions: { show: { operation: ['get', 'update', 'delete'], resource: ['client'] } },
};

export const getClient = sendOnce(toClientOutput);
