/**
 * What a guest-link password must be: long enough (10 characters) and not one attackers try first. The per-link lock
 * (see store.claimGuestPasswordAttempt) bounds how many guesses a link ever receives; this makes sure those guesses
 * do not start with the right one.
 */
import { message, type Message } from '../words.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_GUEST_PASSWORD_LENGTH = 10;
/** The longest password a link takes (the API contract's maxLength) and a guest's check reads. */
export const MAX_GUEST_PASSWORD_LENGTH = 200;

/**
 * A password's length as people count it: code points of its NFC form (the form that is hashed). Every length rule
 * uses this one count: UTF-16 units count an emoji twice, so a password the policy accepted could be refused when
 * typed.
 */
export const passwordLength = (password: string): number => [...password.normalize('NFC')].length;

/** True when a typed password is short enough to be worth checking (longer ones cannot be a link's password). */
export const typedPasswordFits = (typed: string): boolean => passwordLength(typed) <= MAX_GUEST_PASSWORD_LENGTH;

export interface PasswordProblem {
  code: 'password-too-short' | 'password-too-common';
  text: Message;
}

const PROBLEMS = {
  tooShort: message('server.password-too-short', { min: MIN_GUEST_PASSWORD_LENGTH }),
  tooCommon: message('server.password-too-common', {}),
};

const DIGIT_RUNS = '01234567890123456789 98765432109876543210';

/** Lowercase without accents, so "Équipe2024" is recognised as "equipe" + digits. */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function isCommonPassword(password: string): boolean {
  const p = fold(password);
  if (COMMON_PASSWORDS.has(p)) return true;
  // A known stem with digits or symbols around it ("motdepasse2024!", "!!password123"), or nothing but them.
  const stem = p.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (stem !== '' && COMMON_PASSWORDS.has(stem)) return true;
  if (/^(.)\1*$/u.test(p)) return true; // one character repeated
  if (/^\d+$/.test(p) && DIGIT_RUNS.includes(p)) return true; // a run of digits
  return false;
}

export function guestPasswordProblem(password: string): PasswordProblem | undefined {
  if (passwordLength(password) < MIN_GUEST_PASSWORD_LENGTH)
    return { code: 'password-too-short', text: PROBLEMS.tooShort };
  if (isCommonPassword(password)) return { code: 'password-too-common', text: PROBLEMS.tooCommon };
  return undefined;
}
