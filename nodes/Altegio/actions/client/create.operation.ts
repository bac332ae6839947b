import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { altegioOperation, sendOnce, withOutput } from '../../kernel/operation';
import { clientRecordOutput, clientRecordShape, toClientOutput } from '../../model/client';
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
		handler: withOutput(sendOnce(toClientOutput), clientRecordShape),
	}),
};

export const properties: INodeProperties[] = [...newClientFields, ...clientRecordOutput];
