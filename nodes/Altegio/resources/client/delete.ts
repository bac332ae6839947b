import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';

const showOnlyForClientDelete = { operation: ['delete'], resource: ['client'] };

export const clientDeleteDescription: INodeProperties[] = [
	{
		...clientIdField,
		description: 'The client to delete. This cannot be undone.',
		displayOptions: { show: showOnlyForClientDelete },
	},
];
