/** The set-up of the file operations' tests: one client (Liam) before each test, and its files. */
import { clientSuite } from '../harness';

export function fileSuite() {
	const suite = clientSuite('file', { name: 'Liam', phone: '13155550456' });
	const { sandbox, clientId } = suite;
	const filesPath = () => `/company/101/clients/files/${clientId()}`;
	/** `n` files of the client, dated a day apart (without the comment an upload adds). */
	function seedFiles(n: number) {
		const files = [];
		for (let i = 0; i < n; i++) {
			files.push(
				sandbox.addFile(101, clientId(), {
					name: `scan-${i}.pdf`,
					date_create: Date.UTC(2026, 0, 1 + i),
					withComment: false,
				}),
			);
		}
		sandbox.clearRequests();
		return files;
	}
	return { ...suite, filesPath, seedFiles };
}
