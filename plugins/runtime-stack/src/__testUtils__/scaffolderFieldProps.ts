import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * The props the scaffolder's form gives a field named `name` with the
 * `ui:field` given: its own value, its schema, and the whole form in
 * `formContext`.
 */
export function scaffolderFieldProps<T>(field: {
  name: string;
  uiField: string;
  schema: Record<string, unknown>;
  formData?: T;
  formContext?: Record<string, unknown>;
  required?: boolean;
}) {
  const onChange = jest.fn();
  const props = {
    name: field.name,
    schema: field.schema,
    uiSchema: { 'ui:field': field.uiField },
    idSchema: { $id: `root_${field.name}` },
    formData: field.formData,
    formContext: { formData: field.formContext ?? {} },
    onChange,
    onBlur: jest.fn(),
    onFocus: jest.fn(),
    required: field.required ?? false,
    disabled: false,
    readonly: false,
    rawErrors: [],
    registry: {},
  } as unknown as FieldExtensionComponentProps<T>;
  return { props, onChange };
}
