import type { CodeList } from '../code-lists/code-list.types';
import { findCodeList, isCodeIn, versionsOf } from '../code-lists/code-list.registry';
import { sealedEnvelopeProblems } from '../personal-data/sealed.personal-data';
import type { FieldError } from '../shared/domain.errors';
import { isIsoDate, isIsoInstant, MINUTE_MS, toMillis } from '../shared/iso-time.values';

/** Business times may run ahead of the recording clock by this much: devices' clocks drift. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;

export interface ValidationContext {
  readonly errors: FieldError[];
  /** The participant's key id: every sealed field must be bound to it. */
  readonly keyId: string;
  /** The recording clock, epoch millis. */
  readonly now: number;
  /** False on the first, fast pass, which only asks whether anything is wrong; paths are spelled out on the second. */
  readonly withPaths: boolean;
}

export type Validator = (value: unknown, path: string, context: ValidationContext) => void;

export const fail = (context: ValidationContext, field: string, message: string): void => {
  context.errors.push({ field, message });
};

/** A child's path, built only when it will be reported: most commands are valid and never need it. */
export const at = (context: ValidationContext, path: string, key: string | number): string => (context.withPaths ? `${path}.${key}` : path);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Unknown fields are refused, not ignored: whatever passes is stored for ever, and a stray field
 * could carry personal data in clear.
 */
export const object = (required: Readonly<Record<string, Validator>>, optional: Readonly<Record<string, Validator>> = {}): Validator => {
  const requiredKeys = Object.keys(required);
  const requiredValidators = Object.values(required);
  const optionalKeys = Object.keys(optional);
  const optionalValidators = Object.values(optional);
  const known = new Set([...requiredKeys, ...optionalKeys]);
  return (value, path, context) => {
    if (!isRecord(value)) return fail(context, path, 'must be an object');
    let present = 0;
    for (let i = 0; i < requiredKeys.length; i += 1) {
      const field = value[requiredKeys[i]];
      if (field === undefined) fail(context, at(context, path, requiredKeys[i]), 'is required');
      else {
        present += 1;
        requiredValidators[i](field, at(context, path, requiredKeys[i]), context);
      }
    }
    for (let i = 0; i < optionalKeys.length; i += 1) {
      const field = value[optionalKeys[i]];
      if (field === undefined) continue;
      present += 1;
      if (field !== null) optionalValidators[i](field, at(context, path, optionalKeys[i]), context);
    }
    // Counting first spares the key-by-key search on the common path, where nothing unknown was sent.
    if (Object.keys(value).length === present) return;
    for (const key of Object.keys(value)) {
      if (!known.has(key)) fail(context, at(context, path, key), 'is not a known field');
    }
  };
};

/** Runs `check` only when the shape is already right, so it may trust the types. */
export const refine =
  <T>(validator: Validator, check: (value: T, path: string, context: ValidationContext) => void): Validator =>
  (value, path, context) => {
    const before = context.errors.length;
    validator(value, path, context);
    if (context.errors.length === before) check(value as T, path, context);
  };

export const nullable =
  (validator: Validator): Validator =>
  (value, path, context) => {
    if (value !== null) validator(value, path, context);
  };

export const boolean: Validator = (value, path, context) => {
  if (typeof value !== 'boolean') fail(context, path, 'must be true or false');
};

export const number =
  (min: number, max: number, { integer = false } = {}): Validator =>
  (value, path, context) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      fail(context, path, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
  };

export const integer = (min: number, max: number): Validator => number(min, max, { integer: true });

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$/;

/** An id or reference: letters, digits and `._:@/-`, never prose (which would need sealing). */
export const identifier: Validator = (value, path, context) => {
  if (typeof value !== 'string' || !IDENTIFIER.test(value))
    fail(context, path, 'must be an id of letters, digits and ._:@/- (at most 128 characters)');
};

export const instant: Validator = (value, path, context) => {
  if (!isIsoInstant(value)) fail(context, path, 'must be an ISO 8601 date and time with a time zone, e.g. 2025-03-04T09:30:00Z');
};

export const date: Validator = (value, path, context) => {
  if (!isIsoDate(value)) fail(context, path, 'must be a date, YYYY-MM-DD');
};

/** A business time: valid, and not later than the recording clock allows. */
export const occurredAt: Validator = refine<string>(instant, (value, path, context) => {
  if (toMillis(value) > context.now + CLOCK_SKEW_MS) fail(context, path, 'cannot be in the future');
});

export const literal =
  (...allowed: readonly unknown[]): Validator =>
  (value, path, context) => {
    if (!allowed.includes(value)) fail(context, path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  };

export const array =
  (item: Validator, { min = 0, max = 100 } = {}): Validator =>
  (value, path, context) => {
    if (!Array.isArray(value)) return fail(context, path, 'must be a list');
    if (value.length < min || value.length > max) fail(context, path, `must hold ${min} to ${max} items`);
    for (let index = 0; index < value.length; index += 1) item(value[index], at(context, path, index), context);
  };

/** A value from any registered version of `list`: `{ list, version, code }`. */
export const coded =
  (list: CodeList): Validator =>
  (value, path, context) => {
    if (!isRecord(value) || typeof value.list !== 'string' || typeof value.version !== 'string' || typeof value.code !== 'string') {
      return fail(context, path, `must be a coded value { list, version, code } from the ${list.list} list`);
    }
    if (value.list !== list.list) return fail(context, `${path}.list`, `must be "${list.list}"`);
    if (findCodeList(value.list, value.version) === undefined)
      return fail(context, `${path}.version`, `must be a version of ${list.list}: ${versionsOf(list.list).join(', ')}`);
    if (!isCodeIn(value.list, value.version, value.code)) fail(context, `${path}.code`, `is not in ${list.list} ${value.version}`);
    for (const key in value)
      if (key !== 'list' && key !== 'version' && key !== 'code') fail(context, `${path}.${key}`, 'is not a known field');
  };

export const sealed: Validator = (value, path, context) => {
  for (const problem of sealedEnvelopeProblems(value, context.keyId))
    fail(context, problem.field ? `${path}.${problem.field}` : path, problem.message);
};

export const unique =
  <T>(key: (item: T) => unknown, what: string): ((items: readonly T[], path: string, context: ValidationContext) => void) =>
  (items, path, context) => {
    if (new Set(items.map(key)).size !== items.length) fail(context, path, `must not repeat a ${what}`);
  };
