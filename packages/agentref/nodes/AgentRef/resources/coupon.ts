import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { affiliateLocator, programLocator } from './fields';

export const couponResource: ResourceSpec = {
	value: 'coupon',
	name: 'Coupon',
	description: 'Coupon codes that attribute sales to an affiliate',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many coupons',
			description: 'List the coupons of a program',
			method: 'GET',
			path: '/programs/{programId}/coupons',
			list: 'array',
			fields: [programLocator()],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create coupon',
			description: 'Create a coupon code for an affiliate',
			method: 'POST',
			path: '/programs/{programId}/coupons',
			idempotent: true,
			fields: [
				programLocator(),
				affiliateLocator('body'),
				field.string('code', 'Code', 'The coupon code customers enter', { required: true }),
				field.dateTime('expiresAt', 'Expires At', 'When the coupon stops working', { in: 'body' }),
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete coupon',
			description: 'Delete a coupon permanently',
			method: 'DELETE',
			path: '/coupons/{couponId}',
			fields: [field.pathId('couponId', 'Coupon ID', 'ID of the coupon')],
		},
	],
};
