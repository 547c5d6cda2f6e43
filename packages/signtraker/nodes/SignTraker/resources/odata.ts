import { field } from '../../shared/fields';
import type { FieldSpec } from '../../shared/types';

/** The OData query options every SignTraker list accepts, as real fields. */
export function odataFields(selectable: string[]): FieldSpec[] {
	return [
		field.string('filter', 'Filter', "OData filter expression, e.g. LastName eq 'Smith' (quote strings with single quotes; double a quote inside: 'O''Brien')", {
			in: 'query',
			wire: '$filter',
		}),
		field.string('orderBy', 'Order By', 'Comma-separated fields, each with asc or desc (while paging, the default order is by record ID)', {
			in: 'query',
			placeholder: 'e.g. LastName desc, Created asc',
			wire: '$orderby',
		}),
		{
			...field.multiOptions('select', 'Select', 'Only return these fields', selectable, { in: 'query', wire: '$select', join: ',' }),
			// Options show the API's field names; n8n's casing rule wants "ID" for the bare Id field.
			options: selectable.map((name) => ({ name: name === 'Id' ? 'ID' : name, value: name })),
		},
	];
}

export const ORDER_FIELDS = ['Id', 'OrderNumber', 'Status', 'Notes', 'Created', 'DueDate', 'IsDueDateDefinitive', 'SalesOrder', 'JobSite', 'Agent'];
export const NAMED_REF_FIELDS = ['Id', 'Name'];
