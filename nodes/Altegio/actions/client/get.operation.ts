import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation, sendOnce, withOutput } from '../../kernel/operation';
import { clientRecordOutput, clientRecordShape, toClientOutput } from '../../model/client';
import { clientId, clientUrl, locationAndClient } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a client',
	description: "Get one client's record by ID; name is the first name, surname a field of its own",
	routing: altegioOperation({
		method: 'GET',
		url: clientUrl,
		prepare: [locationAndClient],
		handler: withOutput(sendOnce(toClientOutput), clientRecordShape),
	}),
};

export const properties: INodeProperties[] = [clientId, ...clientRecordOutput];
