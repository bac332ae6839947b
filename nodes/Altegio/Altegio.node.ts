import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchComments, searchFiles } from './listSearch/clientItems';
import { searchClients } from './listSearch/clients';
import { searchLocations } from './listSearch/locations';
import { getClientCustomFields, getClientTags } from './loadOptions/clientLists';
import { getServiceCategories, getServices, getStaff } from './loadOptions/locationLists';
import { clientFields, clientOperations } from './actions/client';
import { commentFields, commentOperations } from './actions/comment';
import { fileFields, fileOperations } from './actions/file';
import { historyFields, historyOperations } from './actions/history';
import { locationIdField, oneDefinitionEach } from './kernel/params';
import { altegioApiTest } from './kernel/session';

export class Altegio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altegio',
		name: 'altegio',
		icon: { light: 'file:altegio.svg', dark: 'file:altegio.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with clients, comments, files and visit history in Altegio (YCLIENTS)',
		defaults: { name: 'Altegio' },
		usableAsTool: true,
		hints: [
			{
				message:
					'This node already retries rate limits, and server errors of reads. Retry On Fail (Settings) is not ' +
					'needed; if it is on, a write that may already be saved is not sent again.',
				type: 'info',
				location: 'ndv',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] !== "history" && $parameter["operation"] !== "getAll" }}',
			},
		],
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altegioApi', required: true, testedBy: 'altegioApiTest' }],
		// No baseURL expression: RoutingNode resolves every expression here twice per item (a run in n8n
		// 2.x's expression sandbox each), and the transport takes the Base URL from the credential.
		requestDefaults: {
			headers: { Accept: 'application/vnd.api.v2+json', 'Content-Type': 'application/json' },
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client', value: 'client' },
					{ name: 'Comment', value: 'comment' },
					{ name: 'File', value: 'file' },
					{ name: 'Visit History', value: 'history' },
				],
				default: 'client',
			},
			clientOperations,
			commentOperations,
			fileOperations,
			historyOperations,
			locationIdField,
			...oneDefinitionEach([...clientFields, ...commentFields, ...fileFields, ...historyFields]),
		],
	};

	methods = {
		listSearch: { searchLocations, searchClients, searchComments, searchFiles },
		loadOptions: { getClientTags, getClientCustomFields, getStaff, getServices, getServiceCategories },
		credentialTest: { altegioApiTest },
	};
}
