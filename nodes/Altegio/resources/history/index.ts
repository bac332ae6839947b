import type { INodeProperties } from 'n8n-workflow';

// Placeholder until the resource lands.
export const historyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['history'] } },
	options: [],
	default: '',
};

export const historyFields: INodeProperties[] = [];
