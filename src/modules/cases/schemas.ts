// Case input: one schema for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { SEXES } from '../people/domain.ts';
import { AGE_BANDS, CASE_STATUSES, RISK_LEVELS } from './domain.ts';

export const PersonRef = Type.Object({ personId: Uuid }, { additionalProperties: false });
export const CaseRef = Type.Object({ id: Uuid }, { additionalProperties: false });

/** The version the change was made against: a stale one is refused with 409, so no edit is lost. */
const Version = Type.Integer({ minimum: 1, description: 'The case’s `version` as read; a change to a case changed since is refused (409)' });

const OptionalUuid = (message: string) => Type.Optional(Type.Union([Uuid, Type.Literal('')], { errorMessage: message }));

export const AllocationBody = Type.Object(
  {
    version: Version,
    leadAgencyId: OptionalUuid('Select the lead agency'),
    allocatedWorkerId: OptionalUuid('Select the allocated worker'),
    keyWorkerId: OptionalUuid('Select the key worker'),
    ward: Type.Optional(Type.String({ maxLength: 120, errorMessage: { maxLength: 'The ward must be 120 characters or fewer' } })),
  },
  {
    $id: 'CaseAllocationInput',
    additionalProperties: false,
    description: 'Fields left out are unchanged; an empty string ends that allocation.',
    examples: [{ version: 3, leadAgencyId: '6f1c1d7e-0000-4000-8000-000000000001', allocatedWorkerId: '6f1c1d7e-0000-4000-8000-000000000002' }],
  },
);
export const AllocationInput = Type.Object({ personId: Uuid, ...AllocationBody.properties }, { additionalProperties: false });

export const StatusBody = Type.Object(
  {
    version: Version,
    status: Enum(
      CASE_STATUSES.filter((s) => s !== 'closed'),
      { errorMessage: { required: 'Select the case’s status', enum: 'Select open, under review or stepped down (close a case with a closing reason)' } },
    ),
    reason: Type.Optional(Type.String({ maxLength: 2000, errorMessage: { maxLength: 'The reason must be 2000 characters or fewer' } })),
  },
  { $id: 'CaseStatusInput', additionalProperties: false, examples: [{ version: 3, status: 'stepped_down', reason: 'Engaging with the youth offending team' }] },
);
export const StatusInput = Type.Object({ personId: Uuid, ...StatusBody.properties }, { additionalProperties: false });

export const CloseBody = Type.Object(
  {
    version: Version,
    reason: Type.String({
      minLength: 1,
      maxLength: 60,
      errorMessage: { required: 'Select why the case is closing', minLength: 'Select why the case is closing' },
    }),
    detail: Type.Optional(Type.String({ maxLength: 2000, errorMessage: { maxLength: 'The reason must be 2000 characters or fewer' } })),
  },
  { $id: 'CaseCloseInput', additionalProperties: false, examples: [{ version: 4, reason: 'risk_reduced' }] },
);
export const CloseInput = Type.Object({ personId: Uuid, ...CloseBody.properties }, { additionalProperties: false });

export const ReviewBody = Type.Object(
  {
    version: Version,
    notes: Type.String({ minLength: 1, maxLength: 5000, errorMessage: { required: 'Enter what the review found', minLength: 'Enter what the review found' } }),
    nextReviewDue: Type.Optional(
      Type.String({
        format: 'date',
        description: 'Defaults to the interval for the risk level',
        errorMessage: { format: 'The next review must be a real date' },
      }),
    ),
  },
  { $id: 'CaseReviewInput', additionalProperties: false, examples: [{ version: 4, notes: 'Attending school; no missing episodes since the last review.' }] },
);
export const ReviewInput = Type.Object({ personId: Uuid, ...ReviewBody.properties }, { additionalProperties: false });

export const CASE_SORTS = ['review_due', 'risk', 'name', 'opened', 'status'] as const;

export const CaseListQuery = Type.Object(
  {
    riskLevel: Type.Optional(Type.Array(Enum(RISK_LEVELS), { maxItems: 4 })),
    category: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    status: Type.Optional(Type.Array(Enum(CASE_STATUSES), { maxItems: 4 })),
    ward: Type.Optional(Type.String({ maxLength: 120 })),
    ageBand: Type.Optional(Type.Array(Enum(AGE_BANDS), { maxItems: 6 })),
    sex: Type.Optional(Type.Array(Enum(SEXES), { maxItems: 3 })),
    leadAgencyId: Type.Optional(Uuid),
    allocatedWorkerId: Type.Optional(Type.Union([Uuid, Type.Literal('none')], { errorMessage: 'Select an allocated worker, or none' })),
    reviewOverdue: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Enum(CASE_SORTS)),
    order: Type.Optional(Enum(['asc', 'desc'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const Named = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CaseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    personId: Type.String({ format: 'uuid' }),
    status: Type.String({ description: 'open, under_review, stepped_down or closed' }),
    statusReason: Nullable(Type.String()),
    statusChangedAt: Type.String({ format: 'date-time' }),
    riskLevel: Type.String({ description: 'From the latest triage decision: high, medium, low or no_risk' }),
    category: Type.String(),
    riskDecidedAt: Type.String({ format: 'date-time' }),
    riskDecidedBy: Nullable(Type.String()),
    leadAgency: Named,
    allocatedWorker: Named,
    keyWorker: Named,
    ward: Nullable(Type.String()),
    reviewDue: Nullable(Type.String({ format: 'date' })),
    reviewOverdue: Type.Boolean(),
    lastReviewedAt: Nullable(Type.String({ format: 'date-time' })),
    closureReason: Nullable(Type.String()),
    closureDetail: Nullable(Type.String()),
    openedAt: Type.String({ format: 'date-time' }),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer({ description: 'Send it back with a change; a change to a case changed since is refused (409)' }),
  },
  { $id: 'Case' },
);

export const CaseListItemSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    personId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    dateOfBirth: Nullable(Type.String({ format: 'date' })),
    age: Type.Union([Type.Integer(), Type.Null()]),
    sex: Nullable(Type.String()),
    status: Type.String(),
    riskLevel: Type.String(),
    category: Type.String(),
    ward: Nullable(Type.String()),
    leadAgencyName: Nullable(Type.String()),
    allocatedWorkerName: Nullable(Type.String()),
    reviewDue: Nullable(Type.String({ format: 'date' })),
    reviewOverdue: Type.Boolean(),
    openedAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
  },
  { $id: 'CaseListItem' },
);

export const CaseListSchema = Type.Object(
  {
    items: Type.Array(CaseListItemSchema),
    total: Type.Integer(),
    byRiskLevel: Type.Record(Type.String(), Type.Integer()),
    byStatus: Type.Record(Type.String(), Type.Integer()),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    pages: Type.Integer(),
  },
  { $id: 'CaseList' },
);

/** The API's list query: lists as comma-separated values (riskLevel=high,medium). */
export const CaseListApiQuery = Type.Object(
  {
    riskLevel: Type.Optional(Type.String({ maxLength: 100, description: 'Comma-separated: high, medium, low, no_risk' })),
    category: Type.Optional(Type.String({ maxLength: 400, description: 'Comma-separated triage categories' })),
    status: Type.Optional(Type.String({ maxLength: 100, description: 'Comma-separated: open, under_review, stepped_down, closed' })),
    ward: Type.Optional(Type.String({ maxLength: 120 })),
    ageBand: Type.Optional(Type.String({ maxLength: 100, description: 'Comma-separated: 0-9, 10-13, 14-15, 16-17, 18-24, 25+' })),
    sex: Type.Optional(Type.String({ maxLength: 60, description: 'Comma-separated: female, male, unknown' })),
    leadAgencyId: Type.Optional(Type.String({ maxLength: 60 })),
    allocatedWorkerId: Type.Optional(Type.String({ maxLength: 60, description: 'A user id, or none' })),
    reviewOverdue: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.String({ maxLength: 20, description: 'review_due (default), risk, name, opened, status' })),
    order: Type.Optional(Type.String({ maxLength: 4, description: 'asc (default) or desc' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

const Weeks = Type.Integer({ minimum: 1, maximum: 52, errorMessage: 'Enter a number of weeks from 1 to 52' });
export const CaseSettingsBody = Type.Object(
  {
    reviewWeeks: Type.Optional(Type.Object({ high: Weeks, medium: Weeks, low: Weeks }, { additionalProperties: false })),
    closureReasons: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ pattern: '^[a-z0-9_]{1,40}$', errorMessage: 'A code is lower-case letters, digits and underscores' }),
            label: Type.String({ minLength: 1, maxLength: 120 }),
            needsDetail: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 30 },
      ),
    ),
  },
  {
    $id: 'CaseSettingsInput',
    additionalProperties: false,
    description: 'What is left out is unchanged. Closing reasons replace the list (cases already closed keep theirs).',
    examples: [
      {
        reviewWeeks: { high: 2, medium: 6, low: 12 },
        closureReasons: [
          { code: 'risk_reduced', label: 'Risk reduced', needsDetail: false },
          { code: 'other', label: 'Other', needsDetail: true },
        ],
      },
    ],
  },
);

export const CaseSettingsSchema = Type.Object(
  {
    reviewWeeks: Type.Object({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() }),
    closureReasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), needsDetail: Type.Boolean() })),
  },
  { $id: 'CaseSettings' },
);
