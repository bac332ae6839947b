import type { RecordShape } from '../../shared/output';
import { linksOf, nameOf, outputParameters } from '../../shared/output';

/** Output for comments: the author as a name, file uploads as their links. */
export const commentShape: RecordShape = {
	simplified: ['id', 'type', 'text', 'create_date', 'update_date', 'user', 'files'],
	flatten: { user: nameOf, files: linksOf },
	fields: ['type', 'text', 'create_date', 'update_date', 'user', 'files'],
	always: ['id'],
};

export const commentOutput = outputParameters(
	{ resource: ['comment'], operation: ['getAll'] },
	commentShape,
	"Text, type, dates, the author's name and file links",
);
