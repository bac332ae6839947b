import type { INodeProperties } from 'n8n-workflow';

import { altegioOperation } from '../../shared/routing';
import { checkIds } from '../../shared/validation';
import { buildHistoryBody, historyGetAllDescription, searchHistory } from './getAll';
import { historyOutput, historyShape } from './historyOutput';
import { withOutput } from '../../shared/output';

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
			description: "A client's appointments and product purchases, newest first; each item says which it is (kind)",
			routing: altegioOperation({
				method: 'POST',
				url: '=/company/{{$parameter.locationId}}/clients/visits/search',
				checks: [checkIds(['locationId', 'Location']), buildHistoryBody],
				handler: withOutput(searchHistory, historyShape),
			}),
		},
	],
	default: 'getAll',
};

export const historyFields: INodeProperties[] = [...historyGetAllDescription, ...historyOutput];
