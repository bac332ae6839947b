import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchLocations } from '../Altegio/listSearch/locations';
import { locationIdField } from '../Altegio/kernel/params';
import { altegioApiTest } from '../Altegio/kernel/session';
import { ANSWER, readSettings, receive } from './receive';

/**
 * Receives the client events Altegio POSTs to the URLs a location's administrator adds in Altegio
 * (Settings > System Settings > For Developers). It never writes those settings: saving them replaces
 * every URL and event flag of the location, other apps' included.
 */
export class AltegioWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altegio Webhook Trigger',
		name: 'altegioWebhookTrigger',
		icon: { light: 'file:altegio.svg', dark: 'file:altegio.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).length + " client event(s)"}}',
		description: 'Starts the workflow within seconds when a client is created, changed or deleted in Altegio',
		defaults: { name: 'Altegio Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altegioApi', required: false, testedBy: 'altegioApiTest' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', path: 'webhook', responseMode: 'onReceived', responseData: ANSWER },
		],
		properties: [
			{
				displayName:
					'Copy the Production URL above and add it in Altegio: Settings > System Settings > For Developers, ' +
					'turn on sending hooks, paste the URL, tick the client events, Save. Then activate (publish) this ' +
					'workflow: Altegio posts only to an active workflow. Altegio does not re-send a missed event: see ' +
					'the README for a nightly run that catches up.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				...locationIdField,
				description:
					'The Altegio location whose events start the workflow; events of other locations are ignored. ' +
					'From List needs the credential.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				noDataExpression: true,
				options: [
					{ name: 'Client Created', value: 'clientCreated', description: 'A client was added' },
					{ name: 'Client Deleted', value: 'clientDeleted', description: 'A client was deleted' },
					{ name: 'Client Updated', value: 'clientUpdated', description: 'A client was changed' },
				],
				default: ['clientCreated', 'clientUpdated', 'clientDeleted'],
				description: 'Which client events start the workflow; others are answered and ignored',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Fetch Record',
						name: 'fetchRecord',
						type: 'boolean',
						default: false,
						description:
							'Whether to read the client from Altegio (with the credential) before the workflow starts, instead ' +
							'of trusting the posted data. A delete then counts only when Altegio no longer has the client.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: { altegioApiTest },
		listSearch: { searchLocations },
	};

	// Nothing is registered in Altegio: these only check the parameters when the workflow is activated.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				readSettings(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				readSettings(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
