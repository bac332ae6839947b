/**
 * What n8n's CLI does to test a credential that has no `test` request of its own
 * (CredentialsTester.getCredentialTestFunction / testCredentials in packages/cli): find a node that
 * uses the credential with `testedBy: '<method>'`, and call `methods.credentialTest[<method>]` with
 * a CredentialTestContext and the decrypted credential (defaults applied).
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunction, INodeCredentialTestResult, INodeType } from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import type { TestCredentialsHelper } from './harness';

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
