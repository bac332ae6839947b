import type { RecordShape } from '../../shared/output';
import { outputParameters } from '../../shared/output';

/** Output for client files (the uploader is `user_name`, or `username` as one part of the docs says). */
export const fileShape: RecordShape = {
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

export const fileOutput = outputParameters(
	{ resource: ['file'], operation: ['getAll'] },
	fileShape,
	'Name, description, type, size, upload date, download link and uploader',
);
