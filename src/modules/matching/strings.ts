// String primitives for matching: normalisation, Jaro-Winkler and bounded edit distance.
// Pure and allocation-light because the batch calls them tens of millions of times.

/** Lower-cases, strips accents and keeps only letters and single spaces ("O'Brien-Smith" -> "obrien smith"). */
export function normaliseName(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`.]/g, '') // apostrophes and dots join ("o'brien" -> "obrien")
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** Lower-cases, strips accents and keeps letters, digits and single spaces. */
export function normaliseText(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Scratch buffers shared across calls: matching is single-threaded per process.
let flags1 = new Uint8Array(64);
let flags2 = new Uint8Array(64);

/** Jaro similarity in [0, 1]. Symmetric: the arguments are put in a canonical order first. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a > b) [a, b] = [b, a]; // the greedy match is order-dependent; canonical order keeps it symmetric
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flags1.length || lb > flags2.length) {
    const size = Math.max(la, lb) * 2;
    flags1 = new Uint8Array(size);
    flags2 = new Uint8Array(size);
  }
  flags1.fill(0, 0, la);
  flags2.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flags2[j] === 0 && b.charCodeAt(j) === c) {
        flags1[i] = 1;
        flags2[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < la; i++) {
    if (flags1[i] === 0) continue;
    while (flags2[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const t = halfTranspositions / 2;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/** Jaro-Winkler similarity: Jaro boosted by up to 4 characters of common prefix (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  const max = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

let row0 = new Int32Array(64);
let row1 = new Int32Array(64);
let row2 = new Int32Array(64);

/**
 * Optimal-string-alignment (Damerau-Levenshtein with adjacent transpositions) distance,
 * or `limit + 1` as soon as it is known to exceed `limit` (cheap rejection for typo levels).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > limit) return limit + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  if (lb + 1 > row0.length) {
    row0 = new Int32Array((lb + 1) * 2);
    row1 = new Int32Array((lb + 1) * 2);
    row2 = new Int32Array((lb + 1) * 2);
  }
  let prev2 = row0; // row i-2
  let prev = row1; // row i-1
  let cur = row2;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Jaccard overlap of two token lists (treated as sets; lists are short so no Set is built). */
export function tokenJaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  for (const t of a) if (b.includes(t)) common++;
  const union = a.length + b.length - common;
  return union === 0 ? 0 : common / union;
}

/** True when equal-length-or-not strings are at most one insertion, deletion, substitution or adjacent swap apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    // substitution at i, or transposition of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Differences between two same-length strings, counting an adjacent transposition as one
 * (dates of birth are always 8 digits, so this stands in for edit distance cheaply).
 */
export function positionalDifferences(a: string, b: string): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (i + 1 < a.length && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i)) i++;
    diff++;
  }
  return diff;
}
