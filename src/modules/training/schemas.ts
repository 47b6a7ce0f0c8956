// Training input and output: one schema per input for the API, the pages and the use cases.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { AUDIENCES, ORG_KINDS, REACH_STATUSES, RULES } from './domain.ts';

const Nullable = <T extends TSchema>(t: T, options: Record<string, unknown> = {}) => Type.Union([t, Type.Null()], options);
const text = (maxLength: number, label: string, required = `Enter ${label.toLowerCase()}`) =>
  Type.String({
    minLength: 1,
    maxLength,
    errorMessage: { minLength: required, required, maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text` },
  });
const optionalText = (maxLength: number, label: string) =>
  Type.String({ maxLength, errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text` } });
const date = (message: string) =>
  Type.String({ format: 'date', description: 'YYYY-MM-DD', errorMessage: { format: message, type: message, required: message } });
const whole = (min: number, max: number, message: string) =>
  Type.Integer({ minimum: min, maximum: max, errorMessage: { minimum: message, maximum: message, type: message, required: message } });

export const IdInput = Type.Object({ id: Uuid }, { additionalProperties: false });
/** The cohort page: which members to list (overdue first). */
export const CohortPageInput = Type.Object(
  { id: Uuid, status: Type.Optional(Enum(['overdue', 'due_soon', 'not_yet_due', 'compliant'] as const, { errorMessage: { enum: 'Choose a status' } })) },
  { additionalProperties: false },
);

export const CourseBody = Type.Object(
  {
    name: text(200, 'The course name'),
    level: Type.Optional(optionalText(60, 'The level')),
    validityMonths: Type.Optional(Nullable(whole(1, 120, 'Enter how many months a completion stays valid, from 1 to 120, or leave it blank'))),
  },
  { additionalProperties: false, examples: [{ name: 'CSE awareness for licensed drivers', level: 'Level 1', validityMonths: 36 }] },
);

export const CohortBody = Type.Object(
  {
    name: text(200, 'The cohort name'),
    courseId: Type.String({ format: 'uuid', errorMessage: { format: 'Choose the course', required: 'Choose the course', type: 'Choose the course' } }),
    rule: Enum(RULES, { errorMessage: { enum: 'Choose who must complete the course by when', required: 'Choose who must complete the course by when' } }),
    months: whole(1, 120, 'Enter the number of months, from 1 to 120'),
    startDate: Type.Optional(Nullable(date('Enter the date the period starts, like 2026-01-01'))),
    dueSoonDays: Type.Optional(whole(0, 365, 'Enter how many days before a deadline counts as due soon, from 0 to 365')),
    greenPct: Type.Optional(whole(0, 100, 'Enter the green threshold as a percentage from 0 to 100')),
    amberPct: Type.Optional(whole(0, 100, 'Enter the amber threshold as a percentage from 0 to 100')),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'Licensed taxi drivers', courseId: '0b4a3c1e-6f55-4c3e-9a57-1e2f3a4b5c6d', rule: 'by_date', months: 18, startDate: '2026-01-01' }],
  },
);
export type CohortBody = Static<typeof CohortBody>;

export const CompletionBody = Type.Object(
  {
    cohortId: Type.String({ format: 'uuid', errorMessage: { format: 'Choose the cohort', required: 'Choose the cohort', type: 'Choose the cohort' } }),
    reference: text(100, 'The reference'),
    name: text(200, 'The name'),
    organisation: Type.Optional(optionalText(200, 'The organisation')),
    email: Type.Optional(Type.String({ maxLength: 320, format: 'email', errorMessage: { format: 'Enter an e-mail address, like name@example.com' } })),
    completedOn: date('Enter the date completed, like 2026-03-01'),
  },
  {
    additionalProperties: false,
    examples: [
      { cohortId: '0b4a3c1e-6f55-4c3e-9a57-1e2f3a4b5c6d', reference: 'TX-1042', name: 'Sam Example', organisation: 'Example Cars', completedOn: '2026-03-01' },
    ],
  },
);
export type CompletionBody = Static<typeof CompletionBody>;

export const CompletionSchema = Type.Object(
  {
    id: Uuid,
    memberId: Uuid,
    cohortId: Uuid,
    reference: Type.String(),
    completedOn: Type.String({ format: 'date' }),
    created: Type.Boolean({ description: 'false when this completion was already recorded (nothing added)' }),
  },
  { $id: 'TrainingCompletion' },
);

export const CohortFigures = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    course: Type.String(),
    members: Type.Integer(),
    compliant: Type.Integer(),
    percentCompliant: Type.Number({ description: 'Compliant members as a % of members, to one decimal place' }),
    dueSoon: Type.Integer({ description: 'Members who must complete or renew within the cohort’s due-soon days' }),
    overdue: Type.Integer({ description: 'Members past their deadline without a valid completion' }),
    neverTrained: Type.Integer(),
    rag: Enum(['green', 'amber', 'red']),
  },
  { $id: 'TrainingCohort' },
);

export const ImportUpload = Type.Object(
  {
    cohortId: Type.String({ format: 'uuid', errorMessage: { format: 'Choose the cohort', required: 'Choose the cohort', type: 'Choose the cohort' } }),
    filename: Type.String({ maxLength: 255 }),
    file: Type.Unsafe<Uint8Array>({ description: 'CSV or XLSX bytes' }),
  },
  { additionalProperties: false },
);

const column = Type.Optional(Type.String({ maxLength: 200 }));
export const Mapping = Type.Object(
  { reference: column, name: column, organisation: column, email: column, completedOn: column },
  { additionalProperties: false, description: 'For each field, the header of the column it comes from' },
);
export const StartImportInput = Type.Object({ id: Uuid, mapping: Mapping }, { additionalProperties: false });

export const StageRowsInput = Type.Object(
  {
    id: Uuid,
    rows: Type.Array(Type.Unsafe<{ line: number; reference: string; name: string; orgName: string | null; email: string | null; completedOn: string }>({})),
    errors: Type.Array(Type.Unsafe<{ line: number; field: string; message: string }>({})),
    processed: Type.Integer({ minimum: 0 }),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    total: Type.Optional(Type.Integer({ minimum: 0 })),
    done: Type.Boolean(),
    failure: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const OrgBody = Type.Object(
  {
    name: text(200, 'The organisation name'),
    kind: Enum(ORG_KINDS, { errorMessage: { enum: 'Choose the kind of organisation', required: 'Choose the kind of organisation' } }),
    reachStatus: Type.Optional(Nullable(Enum(REACH_STATUSES, { errorMessage: { enum: 'Choose where contact has got to' } }))),
    reachNotes: Type.Optional(optionalText(1000, 'The notes')),
  },
  { additionalProperties: false },
);
export const ReachStatusInput = Type.Object(
  { id: Uuid, reachStatus: Enum(REACH_STATUSES, { errorMessage: { enum: 'Choose where contact has got to', required: 'Choose where contact has got to' } }) },
  { additionalProperties: false },
);

export const CampaignBody = Type.Object(
  {
    name: text(200, 'The campaign name'),
    description: Type.Optional(optionalText(2000, 'The description')),
    languages: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 40 })),
    startsOn: Type.Optional(Nullable(date('Enter the start date, like 2026-01-01'))),
    endsOn: Type.Optional(Nullable(date('Enter the end date, like 2026-03-31'))),
  },
  { additionalProperties: false },
);

export const SessionBody = Type.Object(
  {
    heldOn: date('Enter the date of the session, like 2026-03-01'),
    title: text(200, 'The title'),
    audience: Enum(AUDIENCES, { errorMessage: { enum: 'Choose the audience', required: 'Choose the audience' } }),
    organisationId: Type.Optional(Nullable(Uuid)),
    campaignId: Type.Optional(Nullable(Uuid)),
    reached: whole(0, 1_000_000, 'Enter how many people were reached, as a whole number'),
    language: Type.Optional(optionalText(60, 'The language')),
  },
  { additionalProperties: false },
);

export const EvaluationInput = Type.Object(
  {
    sessionId: Type.Optional(Uuid),
    courseId: Type.Optional(Uuid),
    responses: Type.Array(Type.Object({ before: whole(1, 5, 'Scores are from 1 to 5'), after: whole(1, 5, 'Scores are from 1 to 5') }), {
      minItems: 1,
      maxItems: 5000,
      errorMessage: { minItems: 'Enter at least one response' },
    }),
  },
  { additionalProperties: false },
);

export const ReportInput = Type.Object({ publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const CouncillorReportInput = Type.Object(
  {
    period: Type.String({ pattern: '^\\d{4}-H[12]$', errorMessage: { pattern: 'Choose a half year, like 2026-H1', required: 'Choose a half year' } }),
    publish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const ResolutionInput = Type.Object(
  {
    period: Type.String({ pattern: '^\\d{4}-H[12]$', errorMessage: { pattern: 'Choose a half year, like 2026-H1' } }),
    resolution: text(500, 'The resolution'),
  },
  { additionalProperties: false },
);
export const RemindInput = Type.Object({ cohortId: Uuid }, { additionalProperties: false });
