import { field } from '../../shared/fields';
import type { FieldSpec } from '../../shared/types';

/** The OData query options every SignTraker list accepts, as real fields. */
export function odataFields(selectable: string[]): FieldSpec[] {
	return [
		field.string('filter', 'Filter', "OData filter expression, e.g. LastName eq 'Smith' (quote strings with single quotes; double a quote inside: 'O''Brien')", {
			in: 'query',
			wire: '$filter',
		}),
		field.string('orderBy', 'Order By', 'Comma-separated fields with asc or desc, e.g. LastName desc,Id (default while paging: Id)', {
			in: 'query',
			wire: '$orderby',
		}),
		{
			...field.multiOptions('select', 'Select', 'Only return these fields', selectable, { in: 'query', wire: '$select', join: ',' }),
			options: selectable.map((name) => ({ name, value: name })),
		},
	];
}

export const ORDER_FIELDS = ['Id', 'OrderNumber', 'Status', 'Notes', 'Created', 'DueDate', 'IsDueDateDefinitive', 'SalesOrder', 'JobSite', 'Agent'];
export const NAMED_REF_FIELDS = ['Id', 'Name'];
