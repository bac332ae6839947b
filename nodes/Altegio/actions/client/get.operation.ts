import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation, sendOnce } from '../../kernel/operation';
import { clientSimplifyField, simplifiable, toClientOutput } from '../../model/client';
import { clientId, clientUrl, locationAndClient } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a client',
	description: "The client's full record; name is the first name, surname a field of its own",
	routing: altegioOperation({
		method: 'GET',
		url: clientUrl,
		prepare: [locationAndClient],
		handler: simplifiable(sendOnce(toClientOutput)),
	}),
};

export const properties: INodeProperties[] = [clientId, clientSimplifyField];
