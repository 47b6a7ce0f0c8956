// Report input and output: one schema for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Period } from '../../platform/http/schemas.ts';

export const TriageReportQuery = Type.Object(
  {
    ...Period.properties,
    publish: Type.Optional(Type.Boolean({ description: 'Published figures (counts 1 to 5 as "c") even for those who may see exact counts' })),
  },
  { additionalProperties: false },
);

const Count = Type.Union([Type.Integer(), Type.Literal('c')], {
  description: 'A count, or "c" where disclosure control hides it (by default a count from 1 to 5; the partnership sets the rule)',
});

export const TriageReportSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  published: Type.Boolean(),
  disclosure: Type.Union([Type.String(), Type.Null()], { description: 'Published figures: the partnership’s disclosure rule in words; null for exact counts' }),
  total: Count,
  byOutcomeAndCategory: Type.Record(Type.String(), Type.Record(Type.String(), Count)),
  byReferrerSector: Type.Record(Type.String(), Count),
  awaitingTriage: Count,
});
