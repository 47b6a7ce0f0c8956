// Domain event ids that sort in the order the events were made (UUID version 7: milliseconds, then a counter).
// The events of one transaction share their time, so the chronology breaks the tie by id: with random ids a case
// opened by a triage decision was listed above or below the decision by chance.
import { createHash, randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/** A UUIDv7 greater than any made before it in this process (PostgreSQL compares uuids byte by byte). */
export function eventId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // More than 4096 ids in one millisecond: borrow the next millisecond.
    lastMs++;
    counter = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A UUID made from its parts (SHA-256, name-based): the same parts give the same id, so a record derived from an
 * event (a concern signal for each context an intelligence item names) is made once however often it is replayed.
 */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
