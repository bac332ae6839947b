import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation } from '../../kernel/operation';
import { clientId, clientUrl, locationAndClient } from './shared';

export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a client',
	description: 'Delete a client of a location',
	routing: altegioOperation({ method: 'DELETE', url: clientUrl, prepare: [locationAndClient] }),
};

export const properties: INodeProperties[] = [clientId];
