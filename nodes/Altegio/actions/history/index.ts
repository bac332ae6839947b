import type { INodeProperties } from 'n8n-workflow';

import { altegioOperation } from '../../shared/routing';
import { checkIds } from '../../shared/validation';
import { buildHistoryBody, historyGetAllDescription, searchHistory } from './getAll';

const showOnlyForHistory = { resource: ['history'] };

export const historyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: showOnlyForHistory },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many visit history entries',
			description:
				"Search a client's appointments and product sales, newest first: one item per appointment (kind: visit) and " +
				'per sale (kind: goodsTransaction)',
			routing: altegioOperation({
				method: 'POST',
				url: '=/company/{{$parameter.locationId}}/clients/visits/search',
				checks: [checkIds(['locationId', 'Location']), buildHistoryBody],
				handler: searchHistory,
			}),
		},
	],
	default: 'getAll',
};

export const historyFields: INodeProperties[] = [...historyGetAllDescription];
