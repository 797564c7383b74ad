/** Small request-body readers: the API accepts JSON objects and refuses anything else with a clear message. */
import { badRequest } from './api-error.js';

export function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest();
  return body as Record<string, unknown>;
}

export function requiredString(o: Record<string, unknown>, key: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    throw badRequest({ en: `"${key}" is missing or too long.`, fr: `« ${key} » est manquant ou trop long.` });
  }
  return v;
}

export function optionalString(o: Record<string, unknown>, key: string, max: number): string | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || v.length > max) {
    throw badRequest({
      en: `"${key}" must be text of at most ${max} characters.`,
      fr: `« ${key} » doit être un texte d'au plus ${max} caractères.`,
    });
  }
  return v;
}
