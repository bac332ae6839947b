#!/usr/bin/env node
/**
 * The layout rules of nodes/ and credentials/ (README, Layout), checked on the TypeScript imports:
 * - no import circle (type-only imports count: they tie the files together just the same);
 * - code outside a kernel room (or model/client) imports only the room's index.ts, never a file in it;
 * - only a resource's actions/<resource>/index.ts imports its *.operation.ts modules;
 * - every operation module exports exactly `option` and `properties`;
 * - no folder holds more than 12 source files directly.
 * Prints what it found; exits 1 on any breach. `--graph` also prints the rooms and what each imports.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const MAX_FILES_PER_FOLDER = 12;
const OPERATION_EXPORTS = ['option', 'properties'];

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

const files = ['nodes', 'credentials'].flatMap((dir) => sourceFiles(path.join(root, dir)));
const rel = (file) => path.relative(root, file).split(path.sep).join('/');

/** Relative imports and re-exports of a file, resolved to files (`x.ts` or `x/index.ts`). */
function importsOf(file) {
	const text = fs.readFileSync(file, 'utf8');
	const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms)].map((m) => m[1]);
	return specs.map((spec) => {
		const base = path.resolve(path.dirname(file), spec);
		const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
		if (!target) throw new Error(`${rel(file)}: cannot resolve '${spec}'`);
		return target;
	});
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const problems = [];

// Rooms: each folder under kernel/ and model/client; a file's room is the deepest such folder holding it.
const rooms = [...new Set(files.map((file) => path.dirname(file)))].filter((dir) =>
	/nodes\/Altegio\/(kernel\/.+|model\/client)$/.test(rel(dir)),
);
const roomOf = (file) =>
	rooms.filter((room) => file.startsWith(room + path.sep)).sort((a, b) => b.length - a.length)[0];

for (const [file, targets] of graph) {
	for (const target of targets) {
		const room = roomOf(target);
		const inside = room && path.dirname(file) === room;
		if (room && !inside && target !== path.join(room, 'index.ts')) {
			problems.push(`${rel(file)} imports ${rel(target)}: import the room's façade ${rel(room)} instead`);
		}
		const isOperation = target.endsWith('.operation.ts');
		if (isOperation && file !== path.join(path.dirname(target), 'index.ts')) {
			problems.push(`${rel(file)} imports the operation module ${rel(target)}: only its resource's index.ts may`);
		}
	}
}

// Operation modules: the same exports in each.
for (const file of files.filter((f) => f.endsWith('.operation.ts'))) {
	const text = fs.readFileSync(file, 'utf8');
	const exported = [...text.matchAll(/^export\s+(?:const|function|class|let|type|interface)\s+(\w+)/gm)].map(
		(m) => m[1],
	);
	if (/^export\s*[{*]/m.test(text) || exported.sort().join() !== OPERATION_EXPORTS.join()) {
		problems.push(
			`${rel(file)} exports ${exported.join(', ') || 'nothing'}: an operation module exports option, properties`,
		);
	}
}

// Import circles: strongly connected components of more than one file (or a file importing itself).
function circles() {
	let next = 0;
	const index = new Map();
	const low = new Map();
	const stack = [];
	const found = [];
	const visit = (file) => {
		index.set(file, next);
		low.set(file, next++);
		stack.push(file);
		for (const target of graph.get(file) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(file, Math.min(low.get(file), low.get(target)));
			} else if (stack.includes(target)) low.set(file, Math.min(low.get(file), index.get(target)));
		}
		if (low.get(file) === index.get(file)) {
			const component = [];
			let member;
			do {
				member = stack.pop();
				component.push(member);
			} while (member !== file);
			if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component);
		}
	};
	for (const file of graph.keys()) if (!index.has(file)) visit(file);
	return found;
}
const found = circles();
for (const component of found) problems.push(`import circle: ${component.map(rel).sort().join(' <-> ')}`);

// Folder sizes.
const perFolder = new Map();
for (const file of files) perFolder.set(path.dirname(file), (perFolder.get(path.dirname(file)) ?? 0) + 1);
for (const [dir, count] of perFolder) {
	if (count > MAX_FILES_PER_FOLDER)
		problems.push(`${rel(dir)} holds ${count} source files (at most ${MAX_FILES_PER_FOLDER})`);
}

if (process.argv.includes('--graph')) {
	for (const room of rooms.sort()) {
		const uses = new Set();
		for (const [file, targets] of graph) {
			if (path.dirname(file) !== room) continue;
			for (const target of targets) if (roomOf(target) && roomOf(target) !== room) uses.add(rel(roomOf(target)));
		}
		console.log(`${rel(room)} (${perFolder.get(room)} files) -> ${[...uses].sort().join(', ') || 'nothing'}`);
	}
}

const largest = Math.max(...perFolder.values());
console.log(
	`check-structure: ${files.length} files, ${graph.size ? [...graph.values()].flat().length : 0} relative imports, ` +
		`${found.length} import circles, ${rooms.length} rooms, at most ${largest} source files in a folder`,
);
if (problems.length) {
	console.error(problems.map((problem) => `  ${problem}`).join('\n'));
	process.exit(1);
}
