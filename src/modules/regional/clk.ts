// Cryptographic long-term keys (CLKs, Schnell 2011; the design of CSIRO Data61's clkhash/anonlink): each identifier
// is cut into bigrams and every bigram sets k bits of one 1024-bit Bloom filter, at positions from a keyed hash, so two
// partnerships holding the same secret encode the same child alike and a typo changes only a few bits. No maintained
// npm package does this (searched npm and the docs corpus: only R's PPRL and Python's clkhash), so it is written here.
//
// Differences from clkhash, on purpose: one HMAC-SHA256 per bigram split into two 32-bit halves for double hashing
// (clkhash's "doubleHash" uses HMAC-SHA1 and HMAC-MD5), and a key per field derived from the regional secret with
// HKDF, so a bigram of the family name and the same bigram of the given name set different bits.
import { createHmac, hkdfSync } from 'node:crypto';

export const CLK_BITS = 1024;
const WORDS = CLK_BITS / 32;

/** The identifiers a CLK is made of, already in clear: they never leave the partnership. */
export interface ClkIdentifiers {
  givenName: string | null;
  familyName: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  postcode: string | null;
}

/** Bits set per bigram, by field: names carry most weight, a postcode changes when a child moves. */
export const CLK_FIELDS = [
  { field: 'givenName', k: 20 },
  { field: 'familyName', k: 20 },
  { field: 'dateOfBirth', k: 20 },
  { field: 'postcode', k: 10 },
] as const satisfies readonly { field: keyof ClkIdentifiers; k: number }[];

/** The encoding's parameters, carried by every export so the pool can refuse CLKs made another way. */
export const CLK_SCHEME = 'jigsaw-clk-v1: 1024 bits; bigrams padded with a space; HMAC-SHA256 double hashing; keys by HKDF-SHA256 per field; k 20/20/20/10';

/** Letters only, lower case: "O'Brien-Smith" and "obrien smith" encode alike. */
const letters = (s: string) =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function normalise(field: keyof ClkIdentifiers, value: string | null): string {
  if (!value) return '';
  if (field === 'dateOfBirth') return value.replace(/[^0-9]/g, '');
  if (field === 'postcode') return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return letters(value);
}

/** Bigrams of " value " (padded, as clkhash does by default): "ann" -> " a", "an", "nn", "n ". */
export function bigrams(value: string): string[] {
  if (!value) return [];
  const padded = ` ${value} `;
  const out: string[] = [];
  for (let i = 0; i < padded.length - 1; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/** A key per field, and the bit positions of each bigram already hashed (bigrams repeat: a cache makes 100,000 CLKs cheap). */
export interface FieldKeys {
  keys: Record<keyof ClkIdentifiers, Buffer>;
  positions: Map<string, Uint16Array>;
}

/** One key per field from the region's shared secret (so the secret itself is never used to hash directly). */
export function fieldKeys(secret: string): FieldKeys {
  const derive = (field: string) => Buffer.from(hkdfSync('sha256', secret, 'jigsaw-regional-clk', `v1:${field}`, 32));
  return {
    keys: { givenName: derive('givenName'), familyName: derive('familyName'), dateOfBirth: derive('dateOfBirth'), postcode: derive('postcode') },
    positions: new Map(),
  };
}

function positionsOf(keys: FieldKeys, field: keyof ClkIdentifiers, k: number, gram: string): Uint16Array {
  const cacheKey = `${field}\u0000${gram}`;
  let p = keys.positions.get(cacheKey);
  if (!p) {
    const h = createHmac('sha256', keys.keys[field]).update(gram).digest();
    const h1 = h.readUInt32BE(0);
    const h2 = h.readUInt32BE(4) | 1; // odd: the k positions are distinct modulo 1024
    p = new Uint16Array(k);
    for (let i = 0; i < k; i++) p[i] = (h1 + i * h2) % CLK_BITS;
    keys.positions.set(cacheKey, p);
  }
  return p;
}

/** The CLK as 32 words of bits. */
export function encodeClk(ids: ClkIdentifiers, keys: FieldKeys): Uint32Array {
  const bits = new Uint32Array(WORDS);
  for (const { field, k } of CLK_FIELDS) {
    for (const gram of bigrams(normalise(field, ids[field]))) {
      for (const p of positionsOf(keys, field, k, gram)) bits[p >>> 5] |= 1 << (p & 31);
    }
  }
  return bits;
}

export const clkToBase64 = (bits: Uint32Array): string => Buffer.from(bits.buffer, bits.byteOffset, bits.byteLength).toString('base64');

/** Null when the text is not a 1024-bit CLK in base64. */
export function clkFromBase64(text: string): Uint32Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const buf = Buffer.from(text, 'base64');
  if (buf.length !== CLK_BITS / 8) return null;
  const words = new Uint32Array(WORDS);
  for (let i = 0; i < WORDS; i++) words[i] = buf.readUInt32LE(i * 4);
  return words;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function bitCount(a: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += popcount(a[i]);
  return n;
}

/** Dice coefficient of two bit sets: 2|A and B| / (|A| + |B|), 0 for two empty sets. */
export function dice(a: Uint32Array, b: Uint32Array, countA = bitCount(a), countB = bitCount(b)): number {
  if (countA + countB === 0) return 0;
  let both = 0;
  for (let i = 0; i < a.length; i++) both += popcount(a[i] & b[i]);
  return (2 * both) / (countA + countB);
}
