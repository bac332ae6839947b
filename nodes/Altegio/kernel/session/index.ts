/** The credential as requests need it, password sign-in shared per account, and the credential test. */
export { altegioApiTest, credentialTestTiming } from './credentialTest';
export { CREDENTIAL_TYPE, altegioBaseUrl, credentialKey, credentialsFor } from './requestCredentials';
export type { AltegioContext, Credentials } from './requestCredentials';
export {
	MAX_SIGN_INS_PER_EXECUTION,
	lastSignIn,
	ledgerFor,
	signInShared,
	signInsSoFar,
	underSessionLock,
} from './session';
export type { SignInLedger } from './session';
export { signIn } from './signIn';
export type { AltegioSend, SignInResult } from './signIn';
