// Review and recommendation input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { REPORT_KINDS } from '../reports/figures.ts';
import { NAME_MAX, PROGRESS_MAX, RAGS, RECOMMENDATION_STATUSES, RESPONSES, REVIEW_KINDS, TEXT_MAX, UPDATE_CADENCES } from './domain.ts';

const text = (max: number, what: string) => Type.String({ maxLength: max, errorMessage: { maxLength: `${what} must be ${max} characters or fewer` } });
const name = Type.String({
  minLength: 1,
  maxLength: NAME_MAX,
  errorMessage: {
    required: 'Enter the name of the review',
    minLength: 'Enter the name of the review',
    maxLength: `The name must be ${NAME_MAX} characters or fewer`,
  },
});
const kind = Enum(REVIEW_KINDS, { errorMessage: { required: 'Select the kind of review' } });
const progressText = Type.String({
  minLength: 1,
  maxLength: PROGRESS_MAX,
  errorMessage: {
    required: 'Enter the progress made',
    minLength: 'Enter the progress made',
    maxLength: `Progress must be ${PROGRESS_MAX} characters or fewer`,
  },
});
const datedOn = Type.String({ format: 'date', errorMessage: { format: 'The date must be a real date, for example 2026-11-27' } });

export const ProgressInput = Type.Object({ datedOn: Type.Optional(Type.Union([datedOn, Type.Null()])), text: progressText }, { additionalProperties: false });

export const RecommendationInput = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: 999, errorMessage: { required: 'Give the recommendation’s number', minimum: 'Numbers start at 1' } }),
    text: Type.String({ minLength: 1, maxLength: TEXT_MAX, errorMessage: { required: 'Enter the recommendation', minLength: 'Enter the recommendation' } }),
    addressee: Type.Optional(text(300, 'The addressee')),
    leadOfficer: Type.Optional(text(500, 'The lead officer')),
    leadOrganisation: Type.Optional(text(200, 'The organisation')),
    response: Type.Optional(Enum(RESPONSES)),
    responseComment: Type.Optional(text(500, 'The comment')),
    timescale: Type.Optional(text(300, 'The timescale')),
    status: Type.Optional(Enum(RECOMMENDATION_STATUSES)),
    rag: Type.Optional(Enum(RAGS)),
    progress: Type.Optional(Type.Array(ProgressInput, { maxItems: 100 })),
    /** Requests for an update sent to another organisation and not yet answered. */
    awaiting: Type.Optional(
      Type.Array(
        Type.Object(
          { requestedOf: Type.String({ minLength: 1, maxLength: 200 }), requestedOn: Type.Optional(Type.Union([datedOn, Type.Null()])) },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const CreateReviewInput = Type.Object(
  { name, kind, updateCadence: Type.Optional(Enum(UPDATE_CADENCES)), recommendations: Type.Optional(Type.Array(RecommendationInput, { maxItems: 500 })) },
  {
    $id: 'ReviewCreateInput',
    additionalProperties: false,
    examples: [
      {
        name: 'Scrutiny review of child exploitation 2026 (fictional)',
        kind: 'scrutiny_review',
        recommendations: [
          { number: 1, text: 'The Head of Safeguarding to brief all councillors.', leadOfficer: 'Head of Safeguarding', status: 'not_started' },
        ],
      },
    ],
  },
);

export const ImportReviewInput = Type.Object(
  {
    name,
    kind: Type.Optional(kind),
    text: Type.String({
      minLength: 1,
      maxLength: 2_000_000,
      errorMessage: { required: 'Choose the executive response file', minLength: 'The file is empty' },
    }),
  },
  {
    $id: 'ReviewImportInput',
    additionalProperties: false,
    description: '`text`: the executive response document as plain text (tab-separated table rows).',
    examples: [
      {
        name: 'Executive response to the scrutiny review (fictional)',
        kind: 'scrutiny_review',
        text: 'Recommendation 1. The Head of Safeguarding to brief all councillors.\tAccepted - completed\tSeptember 2026 - briefings held.\tHead of Safeguarding, Northmoor Council (fictional)',
      },
    ],
  },
);

export const ReviewRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const RecommendationRef = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1, maximum: 9999 }) }, { additionalProperties: false });

export const AddProgressInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    text: progressText,
    datedOn: Type.Optional(datedOn),
    status: Type.Optional(Enum(RECOMMENDATION_STATUSES)),
    rag: Type.Optional(Enum(RAGS)),
    /** The request for an update (to another organisation) that this update answers. */
    requestId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Choose a request for an update that is yet to be received' } })),
    nextUpdateDue: Type.Optional(
      Type.String({ format: 'date', errorMessage: { format: 'The next update’s date must be a real date, for example 2027-01-31' } }),
    ),
  },
  { additionalProperties: false },
);

export const RequestUpdateInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    requestedOf: Type.String({
      minLength: 1,
      maxLength: 200,
      errorMessage: {
        required: 'Enter the organisation asked for an update',
        minLength: 'Enter the organisation asked for an update',
        maxLength: 'The organisation must be 200 characters or fewer',
      },
    }),
    requestedOn: Type.Optional(datedOn),
  },
  { additionalProperties: false },
);

export const SpawnActionInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    title: Type.String({ minLength: 1, maxLength: 500, errorMessage: { required: 'Enter what needs to be done', minLength: 'Enter what needs to be done' } }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    dueOn: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date' } }),
  },
  { additionalProperties: false },
);

export const EXPORT_FORMATS = ['docx', 'html', 'csv'] as const;

const evidenceTitle = Type.String({
  minLength: 1,
  maxLength: 300,
  errorMessage: {
    required: 'Enter what the evidence shows',
    minLength: 'Enter what the evidence shows',
    maxLength: 'The title must be 300 characters or fewer',
  },
});
/** Evidence: Jigsaw's figures for a period (`report`), or a document (`document`, its bytes in base64). */
export const AddEvidenceInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    title: evidenceTitle,
    report: Type.Optional(
      Type.Object(
        {
          kind: Enum(REPORT_KINDS, { errorMessage: { required: 'Select the figures' } }),
          from: Type.String({ format: 'date', errorMessage: { required: 'Enter the start of the period', format: 'The start must be a real date' } }),
          to: Type.String({ format: 'date', errorMessage: { required: 'Enter the end of the period', format: 'The end must be a real date' } }),
        },
        { additionalProperties: false },
      ),
    ),
    document: Type.Optional(
      Type.Object(
        {
          fileName: Type.String({ minLength: 1, maxLength: 200, errorMessage: { required: 'Give the file’s name', minLength: 'Give the file’s name' } }),
          contentBase64: Type.String({ minLength: 1, maxLength: 14_000_000, errorMessage: { required: 'Choose the file', minLength: 'The file is empty' } }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Who leads a recommendation: the officer as worded, their organisation, and their Jigsaw account if they have one. */
export const SetLeadInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, maximum: 9999 }),
    leadOfficer: Type.Optional(Type.String({ maxLength: 500, errorMessage: { maxLength: 'The lead officer must be 500 characters or fewer' } })),
    leadOrganisation: Type.Optional(Type.String({ maxLength: 200, errorMessage: { maxLength: 'The organisation must be 200 characters or fewer' } })),
    leadUserId: Type.Optional(Type.Union([Type.String({ format: 'uuid', errorMessage: { format: 'Choose a person from the list' } }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** How often the review's recommendations are due an update (null: only when an update names the date). */
export const SetCadenceInput = Type.Object(
  { id: Uuid, updateCadence: Type.Union([Enum(UPDATE_CADENCES, { errorMessage: { required: 'Select how often updates are due' } }), Type.Null()]) },
  { additionalProperties: false },
);
