// Unsupervised estimation of the Fellegi-Sunter parameters (over 400 lines: the training sessions, u estimation and household corrections share one model state and read best together), following Splink's recipe:
//  - u from random pairs (almost all non-matches), with exact-match u computed exactly from value counts;
//  - m by expectation maximisation on blocked pairs, one session per training rule, leaving out the
//    comparisons the rule blocks on (they agree by construction, so their m would be biased);
//  - the prior from each session's match rate, scaled by that rule's recall as estimated in the other session;
//  - term frequencies for names from the data itself.
import { COMPARISONS, compareAll, NULL_LEVEL } from './comparisons.ts';
import type { ComparisonParams, HouseholdParams, ModelParams, TermFrequencyTable } from './model.ts';
import { seededRandom } from './random.ts';
import type { PreparedRecord } from './record.ts';

export interface TrainingRule {
  id: string;
  key(r: PreparedRecord): string | null;
  /** Comparisons whose m this session cannot estimate because the rule blocks on them. */
  fixes: readonly string[];
}

export const TRAINING_RULES: readonly TrainingRule[] = [
  { id: 'same_date_of_birth', key: (r) => r.dob?.text ?? null, fixes: ['date of birth'] },
  // Nearly pure matches where identifiers exist: a clean view of how the other fields vary.
  { id: 'same_identifier', key: (r) => r.identifier?.value ?? null, fixes: ['identifier'] },
  {
    id: 'same_sounding_names',
    key: (r) => (r.given?.meta[0] && r.family?.meta[0] ? `${r.given.meta[0]}|${r.family.meta[0]}` : null),
    // Given names are gendered, so sex agrees within this block whoever the people are.
    fixes: ['given name', 'family name', 'sex'],
  },
];

export interface TrainOptions {
  seed?: number;
  /** Random pairs sampled for u (all pairs when there are fewer). */
  uSamplePairs?: number;
  /** Blocked pairs sampled per EM session. */
  emPairBudget?: number;
  maxIterations?: number;
  tolerance?: number;
  rules?: readonly TrainingRule[];
  onProgress?: (phase: string) => void;
}

export interface SessionReport {
  rule: string;
  blockedPairs: number;
  sampledPairs: number;
  iterations: number;
  matchRate: number;
  recall: number | null;
  expectedMatches: number | null;
}

const NC = COMPARISONS.length;
/** Pseudo-count keeping empty levels away from probability 0 (weights stay finite). */
const PSEUDO = 1;

function countValues(records: readonly PreparedRecord[], c: number): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of records) {
    const key = COMPARISONS[c].exactKey(r);
    if (key === null) continue;
    total++;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, total };
}

function termFrequencyTable(counts: Map<string, number>, total: number): TermFrequencyTable {
  const kept: Record<string, number> = {};
  for (const [value, count] of counts) if (count >= 2) kept[value] = count;
  return { total, counts: kept };
}

/** Visits up to `budget` pairs drawn uniformly from all pairs (or every pair if there are fewer). */
function samplePairs(n: number, budget: number, random: () => number, visit: (i: number, j: number) => void): number {
  const all = (n * (n - 1)) / 2;
  if (all <= budget) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(i, j);
    return all;
  }
  for (let s = 0; s < budget; s++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    visit(i, j);
  }
  return budget;
}

export interface UEstimate {
  /** u per comparison per level, still including the few true matches among random pairs. */
  u: number[][];
  /** Non-null random pairs seen per comparison (for floors). */
  seen: number[];
  /** Non-null pairs in the whole data per comparison. */
  pairsNonNull: number[];
}

export function estimateU(records: readonly PreparedRecord[], sample: number, random: () => number): UEstimate {
  const tallies = COMPARISONS.map((c) => new Float64Array(c.levels.length));
  const levels = new Int8Array(NC);
  samplePairs(records.length, sample, random, (i, j) => {
    compareAll(records[i], records[j], levels);
    for (let c = 0; c < NC; c++) if (levels[c] !== NULL_LEVEL) tallies[c][levels[c]]++;
  });
  const seenAll: number[] = [];
  const pairsAll: number[] = [];
  const u = COMPARISONS.map((_comparison, c) => {
    const t = tallies[c];
    const seen = t.reduce((s, x) => s + x, 0);
    const k = t.length;
    seenAll.push(seen);
    if (seen === 0) {
      pairsAll.push(0);
      return Array.from({ length: k }, () => 1 / k);
    }
    // The exact level is rare (and decisive), so count it exactly rather than hope the sample hits it.
    const { counts, total } = countValues(records, c);
    let agree = 0;
    for (const v of counts.values()) agree += v * (v - 1);
    const pairsNonNull = (total * (total - 1)) / 2;
    pairsAll.push(pairsNonNull);
    const exact = Math.max(agree / 2 / Math.max(1, pairsNonNull), 1 / Math.max(1, pairsNonNull));
    const sampledExact = t[0] / seen;
    const scale = sampledExact < 1 ? (1 - exact) / (1 - sampledExact) : 1;
    const floor = 0.5 / seen;
    const u = Array.from(t, (x, l) => (l === 0 ? exact : Math.max(floor, (x / seen) * scale)));
    const sum = u.reduce((s, x) => s + x, 0);
    return u.map((x) => x / sum);
  });
  return { u, seen: seenAll, pairsNonNull: pairsAll };
}

/**
 * Random pairs include true matches (a share equal to the prior), which inflates u for agreement levels
 * noticeably in heavily duplicated data: remove them, u = (u_random - prior * m) / (1 - prior).
 */
export function decontaminateU(estimate: UEstimate, m: number[][], prior: number): number[][] {
  return estimate.u.map((row, c) => {
    if (estimate.seen[c] === 0) return row;
    const floors = row.map((_, l) => (l === 0 ? 1 / Math.max(1, estimate.pairsNonNull[c]) : 0.5 / estimate.seen[c]));
    const clean = row.map((x, l) => Math.max(floors[l], (x - prior * m[c][l]) / (1 - prior)));
    const sum = clean.reduce((s, x) => s + x, 0);
    return clean.map((x) => x / sum);
  });
}

interface Patterns {
  levels: Int8Array; // pattern-major, NC per pattern
  bits: Int32Array; // which training rules' keys agree
  counts: Float64Array;
}

function gatherSession(
  records: readonly PreparedRecord[],
  ruleIndex: number,
  ruleKeys: (string | null)[][],
  budget: number,
  random: () => number,
): { patterns: Patterns; blockedPairs: number; sampledPairs: number } {
  const keys = ruleKeys[ruleIndex];
  const groups = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const k = keys[i];
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  const blocks: number[][] = [];
  const cumulative: number[] = [];
  let blockedPairs = 0;
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    blockedPairs += (g.length * (g.length - 1)) / 2;
    blocks.push(g);
    cumulative.push(blockedPairs);
  }
  const tally = new Map<number, number>();
  const levels = new Int8Array(NC);
  const add = (i: number, j: number) => {
    compareAll(records[i], records[j], levels);
    let code = 0;
    for (let c = 0; c < NC; c++) code = code * 16 + (levels[c] + 1);
    let bits = 0;
    for (let t = 0; t < ruleKeys.length; t++) {
      const a = ruleKeys[t][i];
      if (a !== null && a === ruleKeys[t][j]) bits |= 1 << t;
    }
    code = code * 256 + bits;
    tally.set(code, (tally.get(code) ?? 0) + 1);
  };
  let sampledPairs = 0;
  if (blockedPairs <= budget) {
    for (const g of blocks) for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) add(g[x], g[y]);
    sampledPairs = blockedPairs;
  } else {
    // Uniform over blocked pairs: pick a block in proportion to its pairs, then a pair inside it.
    for (let s = 0; s < budget; s++) {
      const target = random() * blockedPairs;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      const g = blocks[lo];
      const x = Math.floor(random() * g.length);
      let y = Math.floor(random() * (g.length - 1));
      if (y >= x) y++;
      add(g[x], g[y]);
    }
    sampledPairs = budget;
  }
  const size = tally.size;
  const patterns: Patterns = { levels: new Int8Array(size * NC), bits: new Int32Array(size), counts: new Float64Array(size) };
  let p = 0;
  for (const [code, count] of tally) {
    let rest = code;
    patterns.bits[p] = rest % 256;
    rest = Math.floor(rest / 256);
    for (let c = NC - 1; c >= 0; c--) {
      patterns.levels[p * NC + c] = (rest % 16) - 1;
      rest = Math.floor(rest / 16);
    }
    patterns.counts[p] = count;
    p++;
  }
  return { patterns, blockedPairs, sampledPairs };
}

function initialM(k: number): number[] {
  // Agreement levels likely for matches, disagreement unlikely: a neutral-ish starting point.
  const m = Array.from({ length: k }, (_, l) => (l === k - 1 ? 0.05 : 0.5 ** l));
  const sum = m.reduce((s, x) => s + x, 0);
  return m.map((x) => x / sum);
}

interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
  /** Per training rule: share of this session's expected matches whose keys agree on that rule. */
  ruleAgreement: number[];
}

export function expectationMaximisation(
  patterns: Patterns,
  u: number[][],
  active: readonly boolean[],
  rules: number,
  maxIterations: number,
  tolerance: number,
): EmResult {
  const classify = COMPARISONS.map((c, i) => active[i] && !c.sharedByHousehold);
  const m = COMPARISONS.map((c, i) => {
    const init = initialM(c.levels.length);
    if (c.swapLevel !== undefined && c.swapNeutral) init[c.swapLevel] = u[i][c.swapLevel];
    return init;
  });
  const logU = u.map((row) => row.map(Math.log));
  let lambda = 0.1;
  const n = patterns.counts.length;
  const total = patterns.counts.reduce((s, x) => s + x, 0);
  const posterior = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const logM = m.map((row) => row.map(Math.log));
    const mass = COMPARISONS.map((c) => new Float64Array(c.levels.length));
    let matchMass = 0;
    for (let p = 0; p < n; p++) {
      let lm = Math.log(lambda);
      let lu = Math.log(1 - lambda);
      for (let c = 0; c < NC; c++) {
        const l = patterns.levels[p * NC + c];
        if (l === NULL_LEVEL || !classify[c]) continue;
        lm += logM[c][l];
        lu += logU[c][l];
      }
      const post = 1 / (1 + Math.exp(lu - lm));
      posterior[p] = post;
      const w = post * patterns.counts[p];
      matchMass += w;
      for (let c = 0; c < NC; c++) {
        const l = patterns.levels[p * NC + c];
        if (l !== NULL_LEVEL) mass[c][l] += w;
      }
    }
    let change = 0;
    for (let c = 0; c < NC; c++) {
      if (!active[c]) continue;
      const k = mass[c].length;
      const sum = mass[c].reduce((s, x) => s + x, 0);
      const neutral = COMPARISONS[c].swapNeutral ? COMPARISONS[c].swapLevel : undefined;
      for (let l = 0; l < k; l++) {
        if (l === neutral) continue; // stays m = u: weighed in another comparison
        const next = (mass[c][l] + PSEUDO / k) / (sum + PSEUDO);
        change = Math.max(change, Math.abs(next - m[c][l]));
        m[c][l] = next;
      }
    }
    const nextLambda = Math.min(1 - 1e-9, Math.max(1e-9, matchMass / total));
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  const ruleAgreement = Array.from({ length: rules }, (_, t) => {
    let agree = 0;
    let all = 0;
    for (let p = 0; p < n; p++) {
      const w = posterior[p] * patterns.counts[p];
      all += w;
      if (patterns.bits[p] & (1 << t)) agree += w;
    }
    return all > 0 ? agree / all : 0;
  });
  return { m, lambda, iterations, ruleAgreement };
}

interface Session {
  rule: number;
  patterns: Patterns;
  blockedPairs: number;
  sampledPairs: number;
}

interface RoundResult {
  m: number[][];
  /** Expected matches (pair counts) behind each m estimate, per comparison per level. */
  evidence: number[][];
  prior: number;
  matches: number;
  reports: SessionReport[];
}

/** One EM session per training rule with u fixed, then the prior from the sessions' match counts. */
function emRound(sessions: Session[], u: number[][], rules: readonly TrainingRule[], n: number, options: TrainOptions): RoundResult {
  const estimates: number[][][] = COMPARISONS.map(() => []);
  const evidence = COMPARISONS.map((c) => new Array<number>(c.levels.length).fill(0));
  const results = sessions.map((session) => {
    const active = COMPARISONS.map((c) => !rules[session.rule].fixes.includes(c.name));
    const em = expectationMaximisation(session.patterns, u, active, rules.length, options.maxIterations ?? 100, options.tolerance ?? 1e-5);
    for (let c = 0; c < NC; c++) {
      if (!active[c]) continue;
      estimates[c].push(em.m[c]);
      for (let l = 0; l < em.m[c].length; l++) evidence[c][l] += em.m[c][l] * em.lambda * session.sampledPairs;
    }
    return { session, em };
  });
  // Expected matching pairs overall: a session's blocked matches divided by its rule's recall,
  // the recall being the share of the other sessions' matches whose keys also agree on this rule.
  const reports: SessionReport[] = [];
  const expected: number[] = [];
  for (const { session, em } of results) {
    const others = results.filter((o) => o.session !== session).map((o) => o.em.ruleAgreement[session.rule]);
    const recall = others.length > 0 ? others.reduce((a, b) => a + b, 0) / others.length : null;
    const usable = recall !== null && recall > 0.01;
    const matches = usable ? (em.lambda * session.blockedPairs) / recall : null;
    if (matches !== null) expected.push(matches);
    reports.push({
      rule: rules[session.rule].id,
      blockedPairs: session.blockedPairs,
      sampledPairs: session.sampledPairs,
      iterations: em.iterations,
      matchRate: em.lambda,
      recall,
      expectedMatches: matches,
    });
  }
  const allPairs = (n * (n - 1)) / 2;
  // Median: one session's estimate can be far off (a rule whose block is dominated by look-alikes).
  const sorted = [...expected].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const matches = sorted.length === 0 ? n / 10 : sorted.length % 2 ? sorted[mid] : Math.sqrt(Math.max(1, sorted[mid - 1]) * Math.max(1, sorted[mid]));
  const prior = Math.min(0.5, Math.max(1 / (allPairs * 10), matches / allPairs));
  const m = COMPARISONS.map((comparison, c) => {
    const list = estimates[c];
    const k = comparison.levels.length;
    return list.length === 0 ? initialM(k) : Array.from({ length: k }, (_, l) => list.reduce((s, e) => s + e[l], 0) / list.length);
  });
  return { m, evidence, prior, matches, reports };
}

/** Pairs of records sharing the key; with `givenDiffers`, only those whose given names are different. */
function pairsSharing(records: readonly PreparedRecord[], key: (r: PreparedRecord) => string | null, givenDiffers = false): number {
  const groups = new Map<string, PreparedRecord[]>();
  for (const r of records) {
    const k = key(r);
    if (k === null) continue;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const given = COMPARISONS.find((c) => c.name === 'given name') as (typeof COMPARISONS)[number];
  const different = given.levels.length - 1;
  let pairs = 0;
  for (const g of groups.values()) {
    if (!givenDiffers || g.length > 200) pairs += givenDiffers ? 0 : (g.length * (g.length - 1)) / 2;
    else for (let x = 0; x < g.length; x++) for (let y = x + 1; y < g.length; y++) if (given.compare(g[x], g[y]) === different) pairs++;
  }
  return pairs;
}

/**
 * Household corrections. Under conditional independence a pair agreeing on family name and address
 * would be as rare among different people as the product of the two agreements; siblings make it far
 * commoner. Counting exact joint agreements over ALL pairs (minus the expected matches among them)
 * gives P(family, address | non-match) directly; the log ratio to the product is the correction.
 * Likewise date of birth within a household (twins).
 */
export function householdCorrections(records: readonly PreparedRecord[], m: number[][], prior: number): HouseholdParams {
  const n = records.length;
  const all = (n * (n - 1)) / 2;
  const matches = prior * all;
  const fi = COMPARISONS.findIndex((c) => c.name === 'family name');
  const li = COMPARISONS.findIndex((c) => c.sharedByHousehold);
  const di = COMPARISONS.findIndex((c) => c.name === 'date of birth');
  const fKey = (r: PreparedRecord) => COMPARISONS[fi].exactKey(r);
  const lKey = (r: PreparedRecord) => COMPARISONS[li].exactKey(r);
  const dKey = (r: PreparedRecord) => COMPARISONS[di].exactKey(r);
  const join = (...keys: (string | null)[]) => (keys.includes(null) ? null : keys.join('\u0000'));
  const comparable = (key: (r: PreparedRecord) => string | null) => {
    let k = 0;
    for (const r of records) if (key(r) !== null) k++;
    return (k / n) ** 2;
  };
  // P(agree | match) including the chance that both values are present.
  const mf = m[fi][0] * comparable(fKey);
  const ml = m[li][0] * comparable(lKey);
  const md = m[di][0] * comparable(dKey);
  const nonMatch = (agreeing: number, matchShare: number) => Math.max(agreeing - matches * matchShare, 0.5) / (all - matches);
  const f = nonMatch(pairsSharing(records, fKey), mf);
  const l = nonMatch(pairsSharing(records, lKey), ml);
  const d = nonMatch(pairsSharing(records, dKey), md);
  const fl = nonMatch(
    pairsSharing(records, (r) => join(fKey(r), lKey(r))),
    mf * ml,
  );
  // Twins: among pairs of one household whose given names differ (nearly all different people, so no
  // subtraction of expected matches, whose m estimates would dominate the small residual), how much more
  // often is the date of birth shared than among non-matches at large?
  const flGiven = pairsSharing(records, (r) => join(fKey(r), lKey(r)), true);
  const fldGiven = pairsSharing(records, (r) => join(fKey(r), lKey(r), dKey(r)), true);
  return {
    // The model weighs the pair by 1 / (u_f * u_l); the truth is 1 / u_fl.
    sharedFamilyAndAddress: Math.min(0, Math.log2((f * l) / fl)),
    sharedDateOfBirth: flGiven === 0 ? 0 : Math.min(0, Math.log2((d * flGiven) / Math.max(fldGiven, 0.5))),
  };
}

/** Trains a model on the records themselves (unsupervised: no labels are used). */
export function trainModel(records: readonly PreparedRecord[], options: TrainOptions = {}): ModelParams {
  const n = records.length;
  if (n < 2) throw new Error('training needs at least two records');
  const random = seededRandom(options.seed ?? 42);
  const rules = options.rules ?? TRAINING_RULES;

  options.onProgress?.('estimating u from random pairs');
  const uEstimate = estimateU(records, options.uSamplePairs ?? 500_000, random);

  options.onProgress?.('expectation maximisation');
  const ruleKeys = rules.map((rule) => records.map((r) => rule.key(r)));
  const sessions: Session[] = [];
  for (let s = 0; s < rules.length; s++) {
    const gathered = gatherSession(records, s, ruleKeys, options.emPairBudget ?? 400_000, random);
    if (gathered.sampledPairs > 0) sessions.push({ rule: s, ...gathered });
  }
  // Two rounds: the first prior and m let us take the true matches out of the random-pair u,
  // then EM runs again against the cleaned u.
  const first = emRound(sessions, uEstimate.u, rules, n, options);
  const u = decontaminateU(uEstimate, first.m, first.prior);
  const final = emRound(sessions, u, rules, n, options);

  const comparisons: ComparisonParams[] = COMPARISONS.map((comparison, c) => {
    const params: ComparisonParams = {
      name: comparison.name,
      levels: comparison.levels.map((label, l) => {
        // A level hardly ever seen among matches or random pairs has no evidence either way: weight 0.
        const unseen = final.evidence[c][l] < 1 && u[c][l] * uEstimate.seen[c] < 1;
        const neutral = l === comparison.swapLevel && comparison.swapNeutral;
        return { label, m: unseen || neutral ? u[c][l] : final.m[c][l], u: u[c][l] };
      }),
    };
    if (comparison.termFrequency) {
      const { counts, total } = countValues(records, c);
      params.termFrequency = termFrequencyTable(counts, total);
    }
    return params;
  });

  return {
    kind: 'jigsaw-person-match',
    version: 1,
    probabilityTwoRandomRecordsMatch: final.prior,
    comparisons,
    household: householdCorrections(records, final.m, final.prior),
    training: {
      records: n,
      uSamplePairs: Math.min(options.uSamplePairs ?? 500_000, (n * (n - 1)) / 2),
      expectedMatchingPairs: Math.round(final.matches),
      sessions: final.reports,
    },
  };
}
