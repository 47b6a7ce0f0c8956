// Context input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { CONTEXT_KINDS, CONTEXT_STATUSES, LINK_ROLES, RATINGS, RESPONDENTS } from './domain.ts';

const EX_ID = '3f0c2a4e-8b1d-4c5e-9f6a-7b8c9d0e1f2a';
const text = (max: number, what: string) => Type.String({ maxLength: max, errorMessage: { maxLength: `${what} must be ${max} characters or fewer` } });
const required = (max: number, what: string, ask: string) =>
  Type.String({ minLength: 1, maxLength: max, errorMessage: { required: ask, minLength: ask, maxLength: `${what} must be ${max} characters or fewer` } });
const date = (what: string) =>
  Type.String({ format: 'date', errorMessage: { required: `Enter the date ${what}`, format: `The date ${what} must be a real date, for example 2026-11-27` } });

export const ContextRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ContextsQuery = Type.Object(
  { kind: Type.Optional(Enum(CONTEXT_KINDS)), ward: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export const PersonRef = Type.Object({ personId: Uuid }, { additionalProperties: false });

export const ReferContextInput = Type.Object(
  {
    entityId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'There is no place or group with that id' } })),
    kind: Type.Optional(Enum(CONTEXT_KINDS, { errorMessage: { enum: 'Select the kind of context' } })),
    name: Type.Optional(text(200, 'The name')),
    ward: Type.Optional(text(100, 'The ward')),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90, errorMessage: 'Latitude must be a number between -90 and 90' })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180, errorMessage: 'Longitude must be a number between -180 and 180' })),
    concerns: required(4000, 'The concerns', 'Describe the concerns about this context'),
  },
  {
    $id: 'ContextReferInput',
    additionalProperties: false,
    examples: [
      {
        kind: 'place',
        name: 'Demo Park (fictional)',
        ward: 'Northmoor Central',
        latitude: 53.48,
        longitude: -2.24,
        concerns: 'Young people seen with older men after dark',
      },
    ],
  },
);

export const Rating = Type.Object(
  {
    areaCode: Type.String({ minLength: 1, maxLength: 40 }),
    rating: Enum(RATINGS, { errorMessage: 'Select a rating' }),
    notes: Type.Optional(text(2000, 'The notes')),
  },
  { additionalProperties: false },
);
export const AssessInput = Type.Object(
  {
    id: Uuid,
    assessedOn: date('of the assessment'),
    summary: Type.Optional(text(4000, 'The summary')),
    ratings: Type.Array(Rating, { minItems: 1, maxItems: 30, errorMessage: { minItems: 'Rate at least one area' } }),
  },
  { additionalProperties: false },
);
export const AssessBody = Type.Object(
  { ...Type.Omit(AssessInput, ['id']).properties },
  {
    $id: 'ContextAssessmentInput',
    additionalProperties: false,
    examples: [
      {
        assessedOn: '2026-11-20',
        summary: 'Little guardianship after 6pm',
        ratings: [{ areaCode: 'guardianship', rating: 'serious_concern', notes: 'No staff after dark' }],
      },
    ],
  },
);

export const LinkChildInput = Type.Object(
  {
    id: Uuid,
    personId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the child', format: 'There is no child with that id' } }),
    role: Enum(LINK_ROLES, { errorMessage: 'Select how the child is linked' }),
    reason: Type.Optional(text(1000, 'The reason')),
  },
  { additionalProperties: false },
);
export const LinkChildBody = Type.Object(
  { ...Type.Omit(LinkChildInput, ['id']).properties },
  { $id: 'ContextChildInput', additionalProperties: false, examples: [{ personId: EX_ID, role: 'frequents', reason: 'Seen there on three evenings' }] },
);

export const SurveyInput = Type.Object(
  {
    id: Uuid,
    surveyedOn: date('of the survey'),
    respondents: Enum(RESPONDENTS, { errorMessage: 'Select who answered' }),
    responses: Type.Integer({ minimum: 0, maximum: 100000, errorMessage: 'Enter the number of responses as a whole number' }),
    percentSafe: Type.Number({ minimum: 0, maximum: 100, errorMessage: 'Enter the percentage feeling safe, 0 to 100' }),
    notes: Type.Optional(text(2000, 'The notes')),
  },
  { additionalProperties: false },
);
export const SurveyBody = Type.Object(
  { ...Type.Omit(SurveyInput, ['id']).properties },
  {
    $id: 'ContextSurveyInput',
    additionalProperties: false,
    examples: [{ surveyedOn: '2026-11-01', respondents: 'children', responses: 42, percentSafe: 38, notes: 'School council survey' }],
  },
);

export const ReviewInput = Type.Object(
  {
    id: Uuid,
    reviewedOn: date('of the review'),
    summary: required(4000, 'The summary', 'Enter what the review found'),
    statusAfter: Enum(CONTEXT_STATUSES, { errorMessage: 'Select the status after the review' }),
    nextReviewOn: Type.Optional(Type.String({ format: 'date', errorMessage: { format: 'The next review date must be a real date' } })),
  },
  { additionalProperties: false },
);

export const ContextActionInput = Type.Object(
  {
    id: Uuid,
    title: required(500, 'The action', 'Enter the action'),
    ownerAgencyId: Type.String({
      format: 'uuid',
      errorMessage: { required: 'Select the agency responsible for this action', format: 'Select the agency responsible for this action' },
    }),
    dueOn: date('the action is due'),
  },
  { additionalProperties: false },
);
