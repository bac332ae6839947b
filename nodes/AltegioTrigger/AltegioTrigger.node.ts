import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchLocations } from '../Altegio/listSearch/locations';
import { locationIdField } from '../Altegio/kernel/params';
import { altegioApiTest } from '../Altegio/kernel/session';
import { pollClients } from './pollClients';

/**
 * Polls Altegio for new and changed clients (see pollClients.ts for the cursor). It never
 * touches Altegio's webhook settings: they are location-wide, and saving them replaces every
 * other app's URLs.
 */
export class AltegioTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altegio Trigger',
		name: 'altegioTrigger',
		icon: { light: 'file:altegio.svg', dark: 'file:altegio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "clientCreated" ? "New client" : "New or changed client"}}',
		description: 'Starts the workflow when a client is created or changed in Altegio (YCLIENTS)',
		defaults: { name: 'Altegio Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altegioApi', required: true, testedBy: 'altegioApiTest' }],
		properties: [
			{
				displayName:
					'Checks Altegio at each poll and starts from the moment the workflow is activated. Deleted clients are ' +
					'not reported.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			locationIdField,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Client Created',
						value: 'clientCreated',
						description: 'A client was added (each client once)',
					},
					{
						name: 'Client Created or Updated',
						value: 'clientCreatedOrUpdated',
						description: 'A client was added or any of its fields changed (each change once)',
					},
				],
				default: 'clientCreated',
			},
		],
	};

	methods = {
		credentialTest: { altegioApiTest },
		listSearch: { searchLocations },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollClients.call(this);
	}
}
