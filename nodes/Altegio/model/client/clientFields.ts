import type { INodeProperties } from 'n8n-workflow';

/** Gender and importance as the API numbers them, for the writable fields and the search filters. */
export const GENDER_OPTIONS = [
	{ name: 'Female', value: 2 },
	{ name: 'Male', value: 1 },
	{ name: 'Unknown', value: 0 },
];

export const IMPORTANCE_OPTIONS = [
	{ name: 'Bronze', value: 1 },
	{ name: 'Gold', value: 3 },
	{ name: 'None', value: 0 },
	{ name: 'Silver', value: 2 },
];

/**
 * The client's writable fields, defined once for Create, Update and Create or Update, and the
 * mapping from their camelCase names to the API's body.
 */
export const clientFieldList: INodeProperties[] = [
	{
		displayName: 'Balance',
		name: 'balance',
		type: 'number',
		default: 0,
		description: 'Client balance (may be negative)',
	},
	{
		displayName: 'Birth Date',
		name: 'birthDate',
		type: 'dateTime',
		default: '',
		description: 'Sent as YYYY-MM-DD',
	},
	{
		displayName: 'Card',
		name: 'card',
		type: 'string',
		default: '',
		description: 'Loyalty card number',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Custom Field',
		typeOptions: { multipleValues: true },
		description: "Values of the location's custom client fields",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'key',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getClientCustomFields', loadOptionsDependsOn: ['locationId'] },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						hint: "The location's custom client fields by title; an expression may give a field's code",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Discount',
		name: 'discount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: 100 },
		description: 'Discount in percent',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@example.com',
		default: '',
	},
	{
		displayName: 'Gender',
		name: 'genderId',
		type: 'options',
		default: 0,
		options: GENDER_OPTIONS,
	},
	{
		displayName: 'Importance',
		name: 'importanceId',
		type: 'options',
		default: 0,
		options: IMPORTANCE_OPTIONS,
	},
	{
		displayName: 'Middle Name',
		name: 'middleName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Money Spent',
		name: 'spent',
		type: 'number',
		default: 0,
		description: 'Money the client had spent before being added',
	},
	{
		displayName: 'Exclude From SMS Mailings',
		name: 'smsNot',
		type: 'boolean',
		default: false,
		description: 'Whether the client is excluded from SMS mailings',
	},
	{
		displayName: 'Send Birthday SMS',
		name: 'smsCheck',
		type: 'boolean',
		default: false,
		description: 'Whether the client gets a birthday greeting by SMS',
	},
	{
		displayName: 'Surname',
		name: 'surname',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Tag Names or IDs',
		name: 'categoryIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getClientTags', loadOptionsDependsOn: ['locationId'] },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'An expression may give IDs as a list or comma-separated',
	},
];

export const writableClientFields = [...clientFieldList].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** Name and phone as optional fields, for Update. */
export const nameAndPhoneFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'First name' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +13155550178' },
];
