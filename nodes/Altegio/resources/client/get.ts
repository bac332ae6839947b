import type { INodeProperties } from 'n8n-workflow';

import { clientIdField } from '../../shared/descriptions';
import { sendOnce } from '../../shared/routing';
import { toClientOutput } from './clientFields';

const showOnlyForClientGet = { operation: ['get'], resource: ['client'] };

export const clientGetDescription: INodeProperties[] = [
	{ ...clientIdField, displayOptions: { show: showOnlyForClientGet } },
];

export const getClient = sendOnce(toClientOutput);
