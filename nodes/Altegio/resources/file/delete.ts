import type { INodeProperties } from 'n8n-workflow';

import { clientItemLocator } from '../../shared/descriptions';

const showOnlyForFileDelete = { operation: ['delete'], resource: ['file'] };

export const fileDeleteDescription: INodeProperties[] = [
	{
		...clientItemLocator({
			displayName: 'File',
			name: 'fileId',
			searchListMethod: 'searchFiles',
			listPlaceholder: "Select one of the client's files...",
			description: 'The file to delete from the client card. This cannot be undone.',
		}),
		displayOptions: { show: showOnlyForFileDelete },
	},
];
