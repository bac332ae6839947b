import type { INodeProperties } from 'n8n-workflow';

// Placeholder until the resource lands.
export const fileOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['file'] } },
	options: [],
	default: '',
};

export const fileFields: INodeProperties[] = [];
