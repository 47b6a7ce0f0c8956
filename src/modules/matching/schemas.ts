// Matching input and output, one schema for the API, the pages and the use cases.
import { type Static, Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { SEXES } from '../people/domain.ts';

const text = (maxLength: number, label: string, extra: Record<string, unknown> = {}) =>
  Type.Optional(
    Type.String({ maxLength, errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text` }, ...extra }),
  );

/** What is known of the person looked for; at least a name or an NHS number (domain.ts checks the meaning). */
export const MatchQuery = Type.Object(
  {
    givenName: text(100, 'First name'),
    familyName: text(100, 'Last name'),
    dateOfBirth: text(10, 'Date of birth', { description: 'YYYY-MM-DD' }),
    sex: Type.Optional(Enum(SEXES)),
    postcode: text(10, 'Postcode'),
    address: text(300, 'Address'),
    nhsNumber: text(12, 'NHS number'),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, description: 'Most candidates (1-50, default 10)', errorMessage: 'Limit must be a whole number from 1 to 50' }),
    ),
    minProbability: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: 'Leave out candidates below this probability (default 0.1)',
        errorMessage: 'Minimum probability must be between 0 and 1',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MatchQuery = Static<typeof MatchQuery>;

const choose = { errorMessage: 'Choose a person' };
export const MergeInput = Type.Object(
  {
    mergedPersonId: Type.String({ format: 'uuid', description: 'The person merged away (kept, read through the survivor)', ...choose }),
    survivingPersonId: Type.String({ format: 'uuid', description: 'The person kept', ...choose }),
  },
  {
    $id: 'MergeInput',
    additionalProperties: false,
    examples: [{ mergedPersonId: '6f1c1d7e-0000-4000-8000-000000000004', survivingPersonId: '6f1c1d7e-0000-4000-8000-000000000001' }],
  },
);
export const NotSameInput = Type.Object(
  { personA: Type.String({ format: 'uuid', ...choose }), personB: Type.String({ format: 'uuid', ...choose }) },
  {
    $id: 'NotSameInput',
    additionalProperties: false,
    examples: [{ personA: '6f1c1d7e-0000-4000-8000-000000000001', personB: '6f1c1d7e-0000-4000-8000-000000000005' }],
  },
);
export const MergeId = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PersonId = Type.Object({ id: Uuid }, { additionalProperties: false });
export const Submission = Type.Object({ idempotencyKey: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const TrainOptions = Type.Object({ force: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const FitFromLabelsOptions = Type.Object(
  {
    minMatches: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100000, errorMessage: 'Give the labelled matches a comparison needs as a whole number of 1 or more' }),
    ),
  },
  { additionalProperties: false },
);

const Explanation = Type.Array(
  Type.Object({
    field: Type.String(),
    level: Type.String({ description: 'Comparison level reached, e.g. "nickname or variant", "day and month swapped"' }),
    weight: Type.Number({ description: 'log2 Bayes factor this field contributed' }),
  }),
);

export const CandidateSchema = Type.Object(
  {
    personId: Uuid,
    probability: Type.Number({ minimum: 0, maximum: 1 }),
    matchWeight: Type.Number({ description: 'log2 odds: prior weight plus the field weights' }),
    priorWeight: Type.Number(),
    explanation: Explanation,
    summary: Type.String(),
    person: Type.Object({
      givenName: Type.String(),
      familyName: Type.String(),
      dateOfBirth: Type.Union([Type.String(), Type.Null()]),
      sex: Type.Union([Type.String(), Type.Null()]),
      postcode: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  { $id: 'PersonMatchCandidate' },
);

export const MatchesSchema = Type.Object(
  {
    candidates: Type.Array(CandidateSchema),
    searched: Type.Union([Type.Literal('partnership'), Type.Literal('agency')], {
      description: 'agency: only people your agency is involved with were considered (nothing is said about anyone else)',
    }),
  },
  { $id: 'PersonMatches' },
);

export const MergeResultSchema = Type.Object({ id: Uuid, movedReferrals: Type.Integer(), addedAgencies: Type.Integer() }, { $id: 'MergeResult' });
export const UnmergeResultSchema = Type.Object({ mergedPersonId: Uuid, survivingPersonId: Uuid }, { $id: 'UnmergeResult' });

const ClusterPerson = Type.Object({
  personId: Uuid,
  givenName: Type.String(),
  familyName: Type.String(),
  dateOfBirth: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
  sex: Type.Union([Type.String(), Type.Null()]),
  postcode: Type.Union([Type.String(), Type.Null()]),
  referrals: Type.Integer(),
});
const ScoredPairSchema = Type.Object({
  personA: Uuid,
  personB: Uuid,
  probability: Type.Number({ minimum: 0, maximum: 1 }),
  matchWeight: Type.Number({ description: 'log2 odds: prior weight plus the field weights' }),
  explanation: Explanation,
});

export const ClustersSchema = Type.Object(
  {
    clusters: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid', description: 'The id of the cluster’s earliest recorded member' }),
        members: Type.Array(ClusterPerson, { minItems: 2 }),
        pairs: Type.Array(ScoredPairSchema, { description: 'Every pair of members, strongest first: each is a suspected duplicate' }),
      }),
      { description: 'People the model says are one (every pair at least 50% likely, none decided “not the same”), strongest first' },
    ),
    links: Type.Array(ScoredPairSchema, {
      description: 'Suspected pairs whose people are in different clusters: someone in one cluster is clearly different from the other person',
    }),
  },
  { $id: 'PersonClusters' },
);
