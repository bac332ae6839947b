import type { INodeProperties } from 'n8n-workflow';

// Placeholder until the resource lands.
export const commentOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['comment'] } },
	options: [],
	default: '',
};

export const commentFields: INodeProperties[] = [];
