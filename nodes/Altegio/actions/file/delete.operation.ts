import type { INodeProperties } from 'n8n-workflow';

const showOnlyForFileDelete = { operation: ['delete'], resource: ['file'] };

export const fileDeleteDescription: INodeProperties[] = [
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 456',
		description: 'The file to delete (the ID from Get Many files). This cannot be undone.',
		displayOptions: { show: showOnlyForFileDelete },
	},
];
