import { field } from '../../shared/fields';
import type { FieldSpec, OperationSpec, ResourceSpec } from '../../shared/types';
import { programLocator } from './fields';

// Marketing-resource bodies are snake_case on the wire.
const program = programLocator('body', 'programId', 'program_id');
const resourceId = field.pathId('resourceId', 'Resource ID', 'ID of the marketing resource');
const mediaId = field.pathId('mediaId', 'Media ID', 'ID of the media item');
const PLATFORMS = ['x', 'linkedin', 'instagram', 'tiktok', 'facebook', 'threads', 'generic'];

export const KINDS = ['all', 'collections', 'files', 'social_posts', 'swipe_copy', 'links'];

export const downloadTargetFields = (): FieldSpec[] => [
	field.string('mediaId', 'Media ID', 'Media item to download', { wire: 'media_id' }),
	field.string('resourceId', 'Resource ID', 'Resource to download', { wire: 'resource_id' }),
	field.string('collectionId', 'Collection ID', 'Collection to download', { wire: 'collection_id' }),
	field.options('bundle', 'Bundle', 'Download several files as one bundle', ['social_post_media', 'collection_files']),
	field.boolean('file', 'File', 'Whether to download the resource file itself', { default: true }),
];

const mediaFileFields = (): FieldSpec[] => [
	field.string('uploadPath', 'Upload Path', 'The upload_path from the upload session', { wire: 'upload_path', required: true }),
	field.string('uploadToken', 'Upload Token', 'The upload_token from the upload session', { wire: 'upload_token', required: true, typeOptions: { password: true } }),
	field.string('fileName', 'File Name', 'Name of the uploaded file', { wire: 'file_name', required: true }),
	field.string('altText', 'Alt Text', 'Alternative text of the image', { wire: 'alt_text' }),
	field.number('sortOrder', 'Sort Order', 'Position among the media of the post', { wire: 'sort_order' }),
];

const lifecycle = (value: string, name: string, description: string, extra: FieldSpec[] = []): OperationSpec => ({
	value,
	name,
	action: `${name} marketing resource`,
	description,
	method: 'POST',
	path: `/marketing-resources/{resourceId}/${value}`,
	idempotent: true,
	fields: [resourceId, program, ...extra],
});

const socialPostFields = (required: boolean): FieldSpec[] => [
	field.string('title', 'Title', 'Title of the post', { required }),
	field.string('body', 'Body', 'Text of the post; may use {{affiliate_link}}, {{affiliate_code}} and {{program_name}}', { required, typeOptions: { rows: 4 } }),
	{ ...field.multiOptions('platforms', 'Platforms', 'Where the post is meant to be shared', PLATFORMS), required },
	field.string('description', 'Description', 'Internal description'),
	field.string('instructions', 'Instructions', 'Instructions for affiliates'),
	field.string('collectionId', 'Collection ID', 'Collection to place the post in', { wire: 'collection_id' }),
	field.string('folderId', 'Folder ID', 'Folder to place the post in', { wire: 'folder_id' }),
];

export const marketingResourceResource: ResourceSpec = {
	value: 'marketingResource',
	name: 'Marketing Resource',
	description: 'Social posts and files affiliates can share',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many marketing resources',
			description: 'List the marketing resources of a program',
			method: 'GET',
			path: '/programs/{programId}/marketing-resources',
			// Plain arrays paged with limit/offset: Return All follows them to a short page.
			list: 'paged',
			pager: 'offset',
			fields: [
				programLocator(),
				field.options('kind', 'Kind', 'Only resources of this kind', [...KINDS, 'drafts'], { in: 'query' }),
				field.options('status', 'Status', 'Only resources with this status', ['published', 'draft', 'archived'], { in: 'query' }),
				field.string('search', 'Search', 'Text to search for', { in: 'query' }),
			],
		},
		{
			value: 'createSocialPost',
			name: 'Create Social Post',
			action: 'Create social post',
			description: 'Create a social post for affiliates to share',
			method: 'POST',
			path: '/programs/{programId}/marketing-resources/social-posts',
			idempotent: true,
			fields: [programLocator(), ...socialPostFields(true), field.options('status', 'Status', 'Publish now or keep as a draft', ['draft', 'published'])],
		},
		{
			value: 'updateSocialPost',
			name: 'Update Social Post',
			action: 'Update social post',
			description: 'Change a social post',
			method: 'PATCH',
			path: '/marketing-resources/social-posts/{resourceId}',
			fields: [resourceId, program, ...socialPostFields(false)],
		},
		{
			value: 'createMediaUploadSession',
			name: 'Create Media Upload Session',
			action: 'Create media upload session',
			description: 'Get a signed URL to upload an image or video for a social post',
			method: 'POST',
			path: '/marketing-resources/social-posts/{resourceId}/media/upload-sessions',
			idempotent: true,
			fields: [
				resourceId,
				program,
				field.string('fileName', 'File Name', 'Name of the file to upload', { wire: 'file_name', required: true }),
				field.string('mimeType', 'MIME Type', 'Type of the file, e.g. image/png or video/mp4', { wire: 'mime_type', required: true }),
				field.number('fileSizeBytes', 'File Size Bytes', 'Size of the file in bytes (images up to 50 MB, videos up to 200 MB)', { wire: 'file_size_bytes', required: true, default: 1 }),
			],
		},
		{
			value: 'completeMediaUpload',
			name: 'Complete Media Upload',
			action: 'Complete media upload',
			description: 'Attach an uploaded file to a social post',
			method: 'POST',
			path: '/marketing-resources/social-posts/{resourceId}/media/complete',
			idempotent: true,
			fields: [resourceId, program, ...mediaFileFields()],
		},
		{
			value: 'reorderMedia',
			name: 'Reorder Media',
			action: 'Reorder media of social post',
			description: 'Set the order of the media of a social post',
			method: 'POST',
			path: '/marketing-resources/social-posts/{resourceId}/media/reorder',
			idempotent: true,
			fields: [
				resourceId,
				program,
				field.string('mediaIds', 'Media IDs', 'Comma-separated media IDs in the new order', { wire: 'media_ids', required: true, list: true }),
			],
		},
		{
			value: 'updateMedia',
			name: 'Update Media',
			action: 'Update media item',
			description: 'Change the alt text of a media item',
			method: 'PATCH',
			path: '/marketing-resources/social-posts/{resourceId}/media/{mediaId}',
			fields: [resourceId, mediaId, program, field.string('altText', 'Alt Text', 'Alternative text of the image', { wire: 'alt_text' })],
		},
		{
			value: 'deleteMedia',
			name: 'Delete Media',
			action: 'Delete media item',
			description: 'Remove a media item from a social post permanently',
			method: 'DELETE',
			path: '/marketing-resources/social-posts/{resourceId}/media/{mediaId}',
			fields: [resourceId, mediaId, program],
		},
		{
			value: 'replaceMedia',
			name: 'Replace Media',
			action: 'Replace media item',
			description: 'Replace a media item with a newly uploaded file',
			method: 'POST',
			path: '/marketing-resources/social-posts/{resourceId}/media/{mediaId}/replace',
			idempotent: true,
			fields: [resourceId, mediaId, program, ...mediaFileFields()],
		},
		lifecycle('publish', 'Publish', 'Publish a resource to affiliates', [
			field.boolean('notifyAffiliates', 'Notify Affiliates', 'Whether to email affiliates about it', { wire: 'notify_affiliates' }),
		]),
		lifecycle('unpublish', 'Unpublish', 'Take a resource back to draft'),
		lifecycle('archive', 'Archive', 'Archive a resource'),
		lifecycle('notify', 'Notify', 'Email affiliates about a resource (weekly limits depend on the tier)'),
		{
			value: 'getDownloadUrl',
			name: 'Get Download URL',
			action: 'Get download URL',
			description: 'Get a short-lived URL to download a file or bundle',
			method: 'POST',
			path: '/marketing-resources/download-url',
			idempotent: true,
			fields: [program, ...downloadTargetFields()],
		},
	],
};
