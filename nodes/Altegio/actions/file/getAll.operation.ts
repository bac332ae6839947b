import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, binaryOf } from '../../kernel/operation';
import { wantFromParameters } from '../../kernel/paging';
import type { RecordShape } from '../../kernel/params';
import {
	ParameterError,
	checkIds,
	outputParameters,
	returnAllAndLimit,
	shapeRecords,
	toNumber,
} from '../../kernel/params';
import { StoppedError, altegioRequest, asRows, downloadFile, isStopped } from '../../kernel/transport';
import { absoluteLink, linkRoot } from '../../model/links';

/** Output for client files (the uploader is `user_name`, or `username` as one part of the docs says). */
const fileShape: RecordShape = {
	simplified: [
		'id',
		'name',
		'description',
		'extension',
		'mime',
		'size',
		'date_create',
		'link',
		'user_name',
		'username',
	],
	fields: [
		'client_id',
		'name',
		'description',
		'extension',
		'mime',
		'link',
		'date_create',
		'size',
		'user_name',
		'username',
		'user_avatar',
		'can_edit',
	],
	always: ['id'],
};

export const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Download Files',
		name: 'download',
		type: 'boolean',
		default: false,
		description: "Whether to add each file's content to its item as binary data, to pass on to storage, email or AI",
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the binary field each file goes into',
		displayOptions: { show: { download: [true] } },
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		default: 25,
		typeOptions: { minValue: 1, maxValue: 1024 },
		description: 'A larger file stops the item with an error instead of filling the memory',
		displayOptions: { show: { download: [true] } },
	},
	...outputParameters(fileShape, 'Name, description, type, size, upload date, download link and uploader'),
];

function toFileOutput(file: IDataObject, root: string): IDataObject {
	return file.link === undefined ? file : { ...file, link: absoluteLink(file.link, root) };
}

function downloadSettings(ctx: ThisParameterType<OperationHandler>) {
	const field = ctx.getNodeParameter('binaryPropertyName', 'data');
	if (typeof field !== 'string' || field.trim() === '') {
		throw new ParameterError('binaryPropertyName', 'Put Output File in Field (binaryPropertyName) must be a name');
	}
	const mb = toNumber(ctx.getNodeParameter('maxFileSizeMb', 25), 'maxFileSizeMb', 'Max File Size (MB)');
	if (!(mb > 0) || mb > 1024) {
		throw new ParameterError('maxFileSizeMb', `Max File Size (MB) (maxFileSizeMb) must be 1 to 1024, got ${mb}`);
	}
	return { field: field.trim(), maxBytes: Math.floor(mb * 1024 * 1024) };
}

/** The list is not paged: one request, then the limit is applied here; files are downloaded if asked. */
const listFiles: OperationHandler = async function (request) {
	const want = wantFromParameters(this);
	const download = this.getNodeParameter('download', false) === true;
	const settings = download ? downloadSettings(this) : undefined;
	const { data } = await altegioRequest(this, request);
	const root = await linkRoot(this);
	const files = asRows(data)
		.slice(0, want.limit)
		.map((file) => toFileOutput(file, root));
	const shaped = shapeRecords(this, files, fileShape);
	if (!settings) return shaped;
	for (const [index, file] of files.entries()) {
		const label = `file ${String(file.id ?? index)}${typeof file.name === 'string' ? ` (${file.name})` : ''}`;
		if (typeof file.link !== 'string' || file.link === '') {
			throw new NodeOperationError(this.getNode(), `Could not download ${label}: Altegio gave no download link`);
		}
		const got = await downloadFile(this, file.link, { maxBytes: settings.maxBytes, settings: request.settings }).catch(
			(error: unknown) => (error instanceof Error ? error : new Error(String(error))),
		);
		if (got instanceof Error) {
			if (isStopped(got)) throw new StoppedError();
			throw new NodeOperationError(this.getNode(), `Could not download ${label}: ${got.message}`);
		}
		const name = typeof file.name === 'string' && file.name ? file.name : undefined;
		const mime = (typeof file.mime === 'string' && file.mime) || got.mimeType;
		const binary = await this.helpers.prepareBinaryData(got.data, name, mime);
		binaryOf.set(shaped[index], { [settings.field]: binary });
	}
	return shaped;
};

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many files',
	description: "List a client's files with download links, or download the files themselves",
	routing: altegioOperation({
		method: 'GET',
		url: '=/company/{{$parameter.locationId}}/clients/files/{{$parameter.clientId}}',
		prepare: [checkIds(['locationId', 'Location'], ['clientId', 'Client'])],
		handler: listFiles,
	}),
};
