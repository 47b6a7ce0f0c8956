// Text a person typed (a search for a name, an action's title) in an event's details. The domain event keeps the
// text (the chronology and notifications read it, and retention deletes it with the record); the sealed audit trail,
// which is never changed or deleted, keeps only a keyed digest: an erased child's name cannot be read back from the
// chain, yet information governance can still tell whether a given text was typed (the same text, the same digest).
import { createHmac } from 'node:crypto';

export class TypedText {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** Marks typed text in an event's details; blank stays as it is. */
export const typed = (text: string | null | undefined): TypedText | string | null =>
  text == null || text.trim() === '' ? (text ?? null) : new TypedText(text);

/** The digest the trail keeps: HMAC-SHA256 under the audit key of the text trimmed, lower-cased, spaces collapsed. */
export function typedDigest(key: Buffer, text: string): string {
  return `hmac-sha256:${createHmac('sha256', key)
    .update(`typed\0${text.trim().toLowerCase().replaceAll(/\s+/g, ' ')}`)
    .digest('hex')}`;
}

/** The details as the audit trail stores them: typed text as its digest (withheld when there is no key). */
export function forTrail(value: unknown, key: Buffer | undefined): unknown {
  if (value instanceof TypedText) return key ? typedDigest(key, value.text) : '[typed text withheld]';
  if (Array.isArray(value)) return value.map((v) => forTrail(v, key));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forTrail(v, key)]));
  }
  return value;
}

/** The details as the domain event and its consumers see them: typed text as the text itself. */
export function withText(value: unknown): unknown {
  if (value instanceof TypedText) return value.text;
  if (Array.isArray(value)) return value.map(withText);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withText(v)]));
  return value;
}

/** Every text value of an object marked as typed (a search's fields: names, a date of birth, a postcode). */
export const typedValues = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? typed(v) : v]));
