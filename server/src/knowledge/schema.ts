// A small declarative schema for the knowledge files: enough to tell a lawyer
// editing YAML which entry is wrong and where, without a JSON-Schema engine.

export type Schema =
  | { kind: 'string'; optional?: boolean; values?: readonly string[] }
  | { kind: 'regex'; optional?: boolean }
  | { kind: 'number'; optional?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'array'; of: Schema; optional?: boolean; min?: number }
  | { kind: 'object'; fields: Record<string, Schema>; optional?: boolean; open?: boolean }
  | { kind: 'record'; of: Schema; optional?: boolean }
  | { kind: 'oneOf'; options: Schema[]; optional?: boolean }
  | { kind: 'any'; optional?: boolean };

export const str = (values?: readonly string[]): Schema => ({ kind: 'string', values });
export const optStr = (values?: readonly string[]): Schema => ({ kind: 'string', optional: true, values });
export const regex: Schema = { kind: 'regex' };
export const optRegex: Schema = { kind: 'regex', optional: true };
export const num: Schema = { kind: 'number' };
export const optNum: Schema = { kind: 'number', optional: true };
export const bool: Schema = { kind: 'boolean' };
export const optBool: Schema = { kind: 'boolean', optional: true };
export const arr = (of: Schema, min = 0): Schema => ({ kind: 'array', of, min });
export const optArr = (of: Schema): Schema => ({ kind: 'array', of, optional: true });
export const obj = (fields: Record<string, Schema>): Schema => ({ kind: 'object', fields });
export const optObj = (fields: Record<string, Schema>): Schema => ({ kind: 'object', fields, optional: true });
export const record = (of: Schema): Schema => ({ kind: 'record', of });
export const optRecord = (of: Schema): Schema => ({ kind: 'record', of, optional: true });
export const oneOf = (...options: Schema[]): Schema => ({ kind: 'oneOf', options });

export interface SchemaError {
  path: (string | number)[];
  message: string;
}

export function validate(value: unknown, schema: Schema, path: (string | number)[] = []): SchemaError[] {
  const errors: SchemaError[] = [];
  const fail = (message: string) => errors.push({ path, message });
  if (value === undefined || value === null) {
    if (!schema.optional) fail('is required');
    return errors;
  }
  switch (schema.kind) {
    case 'string':
      if (typeof value !== 'string') fail(`must be a string, not ${typeof value}`);
      else if (schema.values && !schema.values.includes(value)) fail(`must be one of ${schema.values.join(', ')}; got "${value}"`);
      break;
    case 'regex':
      if (typeof value !== 'string') fail('must be a regular expression string');
      else {
        try {
          new RegExp(value, 'iu');
        } catch (e) {
          fail(`is not a valid regular expression: ${(e as Error).message}`);
        }
      }
      break;
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) fail('must be a number');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      break;
    case 'array':
      if (!Array.isArray(value)) fail('must be a list');
      else {
        if (schema.min && value.length < schema.min) fail(`must have at least ${schema.min} item(s)`);
        value.forEach((v, i) => errors.push(...validate(v, schema.of, [...path, i])));
      }
      break;
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) fail('must be a mapping');
      else {
        const o = value as Record<string, unknown>;
        for (const [k, s] of Object.entries(schema.fields)) errors.push(...validate(o[k], s, [...path, k]));
        if (!schema.open) for (const k of Object.keys(o)) if (!(k in schema.fields)) errors.push({ path: [...path, k], message: `is not a known field (expected one of ${Object.keys(schema.fields).join(', ')})` });
      }
      break;
    case 'record':
      if (typeof value !== 'object' || Array.isArray(value)) fail('must be a mapping');
      else for (const [k, v] of Object.entries(value as Record<string, unknown>)) errors.push(...validate(v, schema.of, [...path, k]));
      break;
    case 'oneOf': {
      const attempts = schema.options.map(o => validate(value, o, path));
      if (!attempts.some(a => a.length === 0)) errors.push(...attempts.sort((a, b) => a.length - b.length)[0]);
      break;
    }
    case 'any':
      break;
  }
  return errors;
}
