import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation, sendOnce } from '../../kernel/operation';
import { clientSimplifyField, simplifiable, toClientOutput } from '../../model/client';
import { buildNewClientBody, location, newClientFields } from './shared';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Create a client',
	description: 'Add a client to a location',
	routing: altegioOperation({
		method: 'POST',
		url: '=/clients/{{$parameter.locationId}}',
		prepare: [location, buildNewClientBody],
		handler: simplifiable(sendOnce(toClientOutput)),
	}),
};

export const properties: INodeProperties[] = [...newClientFields, clientSimplifyField];
