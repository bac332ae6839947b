/**
 * What n8n's CLI does to test a credential that has no `test` request of its own
 * (CredentialsTester.getCredentialTestFunction / testCredentials in packages/cli): find a node that
 * uses the credential with `testedBy: '<method>'`, and call `methods.credentialTest[<method>]` with
 * a CredentialTestContext and the decrypted credential (defaults applied).
 */
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialTestFunction,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import { AltegioApi } from '../../credentials/AltegioApi.credentials';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { executionData, nodeTypes, type TestCredentialsHelper } from './execute';

export function credentialTestFunction(
	credentialType: string,
	nodeTypes: INodeType[] = [new Altegio()],
): ICredentialTestFunction | undefined {
	for (const nodeType of nodeTypes) {
		for (const credential of nodeType.description.credentials ?? []) {
			if (credential.name === credentialType && typeof credential.testedBy === 'string') {
				return nodeType.methods?.credentialTest?.[credential.testedBy];
			}
		}
	}
	return undefined;
}

export async function testCredentialByNode(credentials: TestCredentialsHelper): Promise<INodeCredentialTestResult> {
	const test = credentialTestFunction('altegioApi');
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const decrypted = {
		id: 'cred-1',
		name: 'Altegio account',
		type: 'altegioApi',
		data: await credentials.getDecrypted(),
	};
	return await test.call(new CredentialTestContext(), decrypted);
}

/**
 * The credential test as n8n's CLI runs it (CredentialsTester): a temporary node whose only
 * property routes `test.request`, executed by the real RoutingNode with the decrypted credential,
 * then the status checks and `rules`.
 */
export async function testCredential(
	credentials: TestCredentialsHelper,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type: ICredentialType = new AltegioApi();
	// As the CLI: the credential's own `test` first, else the function a node names in `testedBy`.
	if (!type.test)
		return testCredentialByNode(credentials) as Promise<{
			status: 'OK' | 'Error';
			message: string;
		}>;
	const testRequest = type.test;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
	};
	const tempType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'altegioApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	} as unknown as INodeType;
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes({ 'n8n-nodes-base.noOp': tempType }),
	});
	const additionalData = executionData(credentials, () => {});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: 'cred-1',
		name: 'Altegio account',
		type: 'altegioApi',
		data: await credentials.getDecrypted(),
	};
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		const raw = error as {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
			errorResponse?: { response?: { status: number; statusText?: string }; code?: string };
			message: string;
		};
		// The CLI reads the status from the axios error in `cause`; under jest that object does not
		// survive n8n's wrapping, so the status comes from the NodeApiError's httpCode instead.
		const cause = raw.cause ?? raw.errorResponse;
		const statusCode = cause?.response?.status ?? (Number((error as { httpCode?: string }).httpCode) || undefined);
		if (statusCode !== undefined) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: cause?.response?.statusText || `Received HTTP status code: ${statusCode}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String(raw.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response![0][0].json as IDataObject;
			if (json[rule.properties.key] === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
