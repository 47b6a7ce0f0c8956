// The chronology's input (filters and paging, the same for the page and the API) and its output.
import { type Static, Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { KINDS } from './domain.ts';

export const Kind = Enum(KINDS, { description: 'A kind of event', errorMessage: `Choose kinds from: ${KINDS.join(', ')}` });

const filters = {
  kinds: Type.Optional(Type.Array(Kind, { maxItems: KINDS.length, uniqueItems: true, description: 'Only these kinds (all when absent)' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, errorMessage: 'Enter a page number from 1' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, errorMessage: 'Choose a page size from 1 to 100' })),
};

/** The use case's input: the person and the filters. */
export const ChronologyQuery = Type.Object({ id: Uuid, ...filters }, { additionalProperties: false });
export type ChronologyQuery = Static<typeof ChronologyQuery>;

/** The API's query string: `kind` once or more (`?kind=referral&kind=missing`), dates YYYY-MM-DD (UK days, inclusive). */
export const ChronologyQueryString = Type.Object(
  {
    kind: Type.Optional(Type.Union([Kind, Type.Array(Kind, { maxItems: KINDS.length })])),
    from: filters.from,
    to: filters.to,
    page: filters.page,
    pageSize: filters.pageSize,
  },
  { additionalProperties: false },
);

export const ChronologyItemSchema = Type.Object(
  {
    id: Uuid,
    at: Type.String({ format: 'date-time' }),
    kind: Kind,
    kindLabel: Type.String(),
    event: Type.String({ description: 'The domain event name, e.g. referral.created' }),
    text: Type.String({ description: 'What happened, in a sentence' }),
    by: Type.String({ description: 'Who did it' }),
    subject: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
    personId: Uuid,
  },
  { $id: 'ChronologyItem' },
);

export const ChronologyPageSchema = Type.Object(
  {
    personId: Uuid,
    items: Type.Array(ChronologyItemSchema),
    total: Type.Integer({ description: 'Events you may see that match the filters' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    pages: Type.Integer(),
  },
  { $id: 'ChronologyPage' },
);
