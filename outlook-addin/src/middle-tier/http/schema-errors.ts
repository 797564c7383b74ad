/**
 * A request that breaks a route's JSON Schema becomes a 400 in the API's error shape: a stable code
 * (`invalid-request`, or the field's own code where clients already switch on one) and a message naming the field,
 * in English and French. Fastify hands us Ajv's first error; Ajv's own wording is English only and too technical.
 */
import type { Text } from '../i18n.js';
import { ApiError } from './api-error.js';

/** What Fastify attaches to a validation error (Ajv error objects, reduced to what we read). */
export interface SchemaViolation {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Fields with a code of their own, kept from before the schemas (the pane and tests switch on them). */
const FIELD_ERRORS: Record<string, () => ApiError> = {
  preset: () =>
    new ApiError(400, 'invalid-preset', {
      en: '"preset" must be an Outlook category color number from 0 to 24 (or null for no color).',
      fr: '« preset » doit être un numéro de couleur de catégorie Outlook de 0 à 24 (ou null pour aucune couleur).',
    }),
};

/** en/fr pairs for each kind of violation, in one place. */
const MESSAGES = {
  notAnObject: {
    en: 'The request is missing information or is malformed.',
    fr: 'La requête est incomplète ou mal formée.',
  },
  missing: (f: string): Text => ({ en: `"${f}" is missing.`, fr: `« ${f} » est manquant.` }),
  tooLong: (f: string, max: unknown): Text => ({
    en: `"${f}" must be at most ${String(max)} characters long.`,
    fr: `« ${f} » doit faire au plus ${String(max)} caractères.`,
  }),
  empty: (f: string): Text => ({ en: `"${f}" cannot be empty.`, fr: `« ${f} » ne peut pas être vide.` }),
  type: (f: string, type: unknown): Text => {
    const names: Record<string, Text> = {
      string: { en: 'text', fr: 'un texte' },
      boolean: { en: 'true or false', fr: 'true ou false' },
      integer: { en: 'a whole number', fr: 'un nombre entier' },
      number: { en: 'a number', fr: 'un nombre' },
      object: { en: 'an object', fr: 'un objet' },
      array: { en: 'a list', fr: 'une liste' },
    };
    const name = names[String(type)] ?? { en: String(type), fr: String(type) };
    return { en: `"${f}" must be ${name.en}.`, fr: `« ${f} » doit être ${name.fr}.` };
  },
  notAllowed: (f: string): Text => ({
    en: `"${f}" has a value that is not allowed.`,
    fr: `« ${f} » a une valeur qui n'est pas autorisée.`,
  }),
  badForm: (f: string): Text => ({
    en: `"${f}" is not in the expected form.`,
    fr: `« ${f} » n'a pas la forme attendue.`,
  }),
};

/** The field an Ajv error is about: "/name" -> "name", a missing property -> its name; '' for the whole body. */
function fieldOf(v: SchemaViolation): string {
  const missing = v.params['missingProperty'];
  if (v.keyword === 'required' && typeof missing === 'string') return missing;
  const first = v.instancePath.split('/').filter(Boolean)[0] ?? '';
  return first.replace(/~1/g, '/').replace(/~0/g, '~');
}

function textFor(v: SchemaViolation, field: string): Text {
  if (!field) return MESSAGES.notAnObject;
  switch (v.keyword) {
    case 'required':
      return MESSAGES.missing(field);
    case 'maxLength':
      return MESSAGES.tooLong(field, v.params['limit']);
    case 'minLength':
      return MESSAGES.empty(field);
    case 'type':
      return MESSAGES.type(field, v.params['type']);
    case 'pattern':
    case 'format':
      return MESSAGES.badForm(field);
    default:
      // const, enum, anyOf (unions), minimum, maximum...
      return MESSAGES.notAllowed(field);
  }
}

export function schemaViolation(violations: readonly SchemaViolation[]): ApiError {
  const first = violations[0];
  if (!first) return new ApiError(400, 'invalid-request', MESSAGES.notAnObject);
  const field = fieldOf(first);
  const own = FIELD_ERRORS[field];
  if (own) return own();
  return new ApiError(400, 'invalid-request', textFor(first, field));
}
