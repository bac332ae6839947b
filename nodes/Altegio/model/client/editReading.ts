/**
 * What this n8n process has seen of how an API host's edit treats money it is not sent. The
 * description is silent (docs/altegio-api.md): an omitted `spent` or `balance` may be kept or reset,
 * and the money GET shows may be what was written or that plus visit money. The node first omits
 * money (it cannot tell a seed from a derived figure) and restores what the edit reset with a
 * second edit. Once it has seen a reset on a host, later edits there send the money in the first
 * edit: as read where the money shown is the money written, else the seed this process last wrote
 * for that client while GET still shows what it showed then. Every edit's answer is still checked,
 * so a wrong belief costs a second edit, never data.
 *
 * Keyed by the credential's Base URL (the API host), not by credential: how Altegio's backend
 * treats an edit does not depend on who sends it, and a new credential on a known host should not
 * pay the extra edit again. Kept per process, in memory: a restart learns again (one extra edit).
 */

export type MoneyKey = 'spent' | 'balance';

interface HostReading {
	/** An omitted money key was seen reset by the edit. */
	omittedReset: boolean;
	/** Per key: whether the money GET shows is the money written (false: something is added to it). */
	shownAsWritten: Partial<Record<MoneyKey, boolean>>;
}

const MAX_HOSTS = 100;
const MAX_CLIENTS = 10_000;
const hosts = new Map<string, HostReading>();
/** `host client key` → what this process wrote and what GET showed after it (shownAsWritten false). */
const seeds = new Map<string, { shown: number; seed: number }>();

const bounded = <V>(map: Map<string, V>, key: string, value: V, max: number) => {
	map.delete(key);
	map.set(key, value);
	if (map.size > max) map.delete(map.keys().next().value as string);
};

export function readingOf(host: string): HostReading {
	return hosts.get(host) ?? { omittedReset: false, shownAsWritten: {} };
}

export function learnReset(host: string): void {
	bounded(hosts, host, { ...readingOf(host), omittedReset: true }, MAX_HOSTS);
}

export function learnShown(host: string, key: MoneyKey, asWritten: boolean): void {
	const reading = readingOf(host);
	bounded(hosts, host, { ...reading, shownAsWritten: { ...reading.shownAsWritten, [key]: asWritten } }, MAX_HOSTS);
}

export function rememberSeed(host: string, client: string, key: MoneyKey, shown: number, seed: number): void {
	bounded(seeds, `${host} ${client} ${key}`, { shown, seed }, MAX_CLIENTS);
}

/** The value to send for an omitted money key in the first edit, or undefined to leave it out. */
export function moneyToSend(host: string, client: string, key: MoneyKey, shown: number): number | undefined {
	const reading = readingOf(host);
	if (!reading.omittedReset || !Number.isFinite(shown)) return undefined;
	if (reading.shownAsWritten[key] === true) return shown;
	const remembered = seeds.get(`${host} ${client} ${key}`);
	return remembered && remembered.shown === shown ? remembered.seed : undefined;
}

/** For tests: forget everything learned. */
export function forgetEditReadings(): void {
	hosts.clear();
	seeds.clear();
}
