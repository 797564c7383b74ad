/**
 * A request that breaks a route's JSON Schema becomes a 400 in the API's error shape: a stable code
 * (`invalid-request`, or the field's own code where clients already switch on one) and a message naming the field,
 * in English and French (core's message catalog, server.field-*). Fastify hands us Ajv's first error; Ajv's own wording is English only and too technical.
 */
import { message, type Message } from '../words.js';
import { ApiError } from './api-error.js';

/** What Fastify attaches to a validation error (Ajv error objects, reduced to what we read). */
export interface SchemaViolation {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Fields with a code of their own, kept from before the schemas (the pane and tests switch on them). */
const FIELD_ERRORS: Record<string, () => ApiError> = {
  preset: () => new ApiError(400, 'invalid-preset', message('server.invalid-preset', {})),
};

/** The field an Ajv error is about: "/name" -> "name", a missing property -> its name; '' for the whole body. */
function fieldOf(v: SchemaViolation): string {
  const missing = v.params['missingProperty'];
  if (v.keyword === 'required' && typeof missing === 'string') return missing;
  const first = v.instancePath.split('/').filter(Boolean)[0] ?? '';
  return first.replace(/~1/g, '/').replace(/~0/g, '~');
}

function textFor(v: SchemaViolation, field: string): Message {
  if (!field) return message('server.invalid-request', {});
  switch (v.keyword) {
    case 'required':
      return message('server.field-missing', { field });
    case 'maxLength':
      return message('server.field-too-long', { field, max: String(v.params['limit']) });
    case 'minLength':
      return message('server.field-empty', { field });
    case 'type':
      return message('server.field-type', { field, type: String(v.params['type']) });
    case 'pattern':
    case 'format':
      return message('server.field-bad-form', { field });
    default:
      // const, enum, anyOf (unions), minimum, maximum...
      return message('server.field-not-allowed', { field });
  }
}

export function schemaViolation(violations: readonly SchemaViolation[]): ApiError {
  const first = violations[0];
  if (!first) return new ApiError(400, 'invalid-request', message('server.invalid-request', {}));
  const field = fieldOf(first);
  const own = FIELD_ERRORS[field];
  if (own) return own();
  return new ApiError(400, 'invalid-request', textFor(first, field));
}
