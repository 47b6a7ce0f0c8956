// Missing-children input: one schema per input for the API, the pages and the use cases. Times are ISO 8601
// instants (pages turn the UK date and time boxes into one); text fields may be null to clear them.
import { Type } from '@sinclair/typebox';
import { Enum, Period, Uuid } from '../../platform/http/schemas.ts';
import { CONSENT, URGENCY } from '../referrals/domain.ts';
import { CLASSIFICATIONS, DECLINE_REASONS, NOTICE_KINDS, NOTICE_METHODS, POLICE_RISK_GRADES } from './domain.ts';

const dateTimeMessage = (label: string) => ({
  format: `${label} must be a date and time, like 2026-03-27T14:30:00Z`,
  type: `${label} must be a date and time`,
});
const DateTime = (label: string, description: string) => Type.String({ format: 'date-time', description, errorMessage: dateTimeMessage(label) });
/** A time that may be cleared with null (one JSON Schema type list, so an error names the field plainly). */
const NullableDateTime = (label: string, description: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time', description, errorMessage: dateTimeMessage(label) });
const Text = (max: number, label: string) =>
  Type.Unsafe<string | null>({
    type: ['string', 'null'],
    maxLength: max,
    errorMessage: { maxLength: `${label} must be ${max} characters or fewer`, type: `${label} must be text` },
  });
const Key = Type.String({ minLength: 1, maxLength: 220, description: 'Makes a retry safe: the same key returns the first record' });

export const Id = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PersonId = Type.Object({ personId: Uuid }, { additionalProperties: false });

const EpisodeFields = {
  classification: Enum(CLASSIFICATIONS, {
    errorMessage: {
      required: 'Select missing or away from placement without authorisation',
      enum: 'Select missing or away from placement without authorisation',
    },
  }),
  riskGrade: Enum(POLICE_RISK_GRADES, { errorMessage: { required: 'Select the police risk grade', enum: 'Select the police risk grade' } }),
  reportedAt: Type.String({
    format: 'date-time',
    description: 'When the child was reported missing (ISO 8601 with offset or Z)',
    errorMessage: { ...dateTimeMessage('Time reported missing'), required: 'Enter the date and time the child was reported missing' },
  }),
  lastSeenAt: Type.Optional(NullableDateTime('Time last seen', 'When the child was last seen')),
  lastSeenPlace: Type.Optional(Text(500, 'Place last seen')),
  returnedAt: Type.Optional(NullableDateTime('Time returned', 'When the child returned or was found; starts the 72-hour clock')),
  foundPlace: Type.Optional(Text(500, 'Where found')),
  policeReference: Type.Optional(Text(100, 'Police reference')),
  lookedAfter: Type.Optional(Type.Boolean()),
  responsibleAuthority: Type.Optional(Text(200, 'Authority looking after the child')),
  placedByOtherLa: Type.Optional(Type.Boolean({ description: 'Defaults to what the person record says' })),
  placingAuthority: Type.Optional(Text(200, 'Placing authority')),
};

export const EpisodeBody = Type.Object(
  {
    personId: Type.String({
      format: 'uuid',
      errorMessage: { required: 'Say which child went missing', format: 'There is no child with that id: check it, or add the child first' },
    }),
    ...EpisodeFields,
  },
  {
    $id: 'MissingEpisodeInput',
    additionalProperties: false,
    examples: [
      {
        personId: '6f1c1d7e-0000-4000-8000-000000000001',
        classification: 'missing',
        riskGrade: 'medium',
        reportedAt: '2026-03-20T22:15:00Z',
        lastSeenAt: '2026-03-20T16:40:00Z',
        lastSeenPlace: 'Northmoor Academy, school gates',
        policeReference: 'NM-20260320-0117',
        lookedAfter: false,
      },
    ],
  },
);
export const CreateEpisodeInput = Type.Object({ ...EpisodeBody.properties, idempotencyKey: Type.Optional(Key) }, { additionalProperties: false });

/** Only the fields sent change. */
export const EpisodePatch = Type.Partial(Type.Object(EpisodeFields), {
  $id: 'MissingEpisodeChanges',
  additionalProperties: false,
  minProperties: 1,
  examples: [{ returnedAt: '2026-03-21T09:30:00Z', foundPlace: 'A friend’s flat in Brookside, Northmoor' }],
});
export const UpdateEpisodeInput = Type.Object({ id: Uuid, ...Type.Partial(Type.Object(EpisodeFields)).properties }, { additionalProperties: false });

/** A follow-up the interview sets: it becomes an action in the one tracker (source return_interview). */
export const FollowUpAction = Type.Object(
  {
    title: Type.String({
      minLength: 1,
      maxLength: 500,
      errorMessage: {
        required: 'Enter what needs to be done',
        minLength: 'Enter what needs to be done',
        maxLength: 'The action must be 500 characters or fewer',
      },
    }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    ownerUserId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the person responsible' } })),
    dueOn: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date, for example 2026-04-01' } }),
  },
  { additionalProperties: false },
);
export const FOLLOW_UP_ACTIONS_MAX = 5;

export const InterviewBody = Type.Object(
  {
    status: Enum(['offered', 'completed', 'declined'], { errorMessage: { required: 'Select whether the interview was offered, held or did not take place' } }),
    offeredAt: Type.Optional(NullableDateTime('Date offered', 'When the interview was offered')),
    offeredBy: Type.Optional(Text(200, 'Offered by')),
    completedAt: Type.Optional(NullableDateTime('Date completed', 'When the interview took place')),
    completedBy: Type.Optional(Text(200, 'Completed by')),
    declinedAt: Type.Optional(NullableDateTime('Date declined', 'When it was declined; defaults to now')),
    declinedReason: Type.Optional(
      Type.Unsafe<(typeof DECLINE_REASONS)[number] | null>({
        type: ['string', 'null'],
        enum: [...DECLINE_REASONS, null],
        errorMessage: { enum: 'Select a reason from the list' },
      }),
    ),
    declinedReasonDetail: Type.Optional(Text(2000, 'Reason')),
    whereWent: Type.Optional(Text(10_000, 'Where the child went')),
    whoWith: Type.Optional(Text(10_000, 'Who they were with')),
    travel: Type.Optional(Text(10_000, 'How they travelled')),
    pushFactors: Type.Optional(Text(10_000, 'Push factors')),
    pullFactors: Type.Optional(Text(10_000, 'Pull factors')),
    disclosures: Type.Optional(Text(10_000, 'Disclosures')),
    nextSteps: Type.Optional(Text(10_000, 'What happens next')),
    actions: Type.Optional(
      Type.Array(FollowUpAction, {
        maxItems: FOLLOW_UP_ACTIONS_MAX,
        description: 'Follow-up actions: each becomes an action in the tracker (source return_interview), shown on /actions and the child’s Plan tab',
        errorMessage: { maxItems: `Set up to ${FOLLOW_UP_ACTIONS_MAX} actions at a time` },
      }),
    ),
  },
  {
    $id: 'ReturnInterviewInput',
    additionalProperties: false,
    examples: [
      {
        status: 'completed',
        offeredAt: '2026-03-21T12:00:00Z',
        offeredBy: 'Sam Example, Northmoor return home interview service',
        completedAt: '2026-03-22T15:30:00Z',
        completedBy: 'Sam Example',
        whereWent: 'A flat above a takeaway in Castlegate, Northmoor',
        whoWith: 'Two older boys she knows from the park',
        travel: 'Driven there in a grey car',
        pushFactors: 'Arguments at home about her phone',
        pullFactors: 'Given vapes and money',
        disclosures: 'None',
        nextSteps: 'Share with the hub; safety plan with her school',
      },
    ],
    description:
      'Fields not sent keep their recorded values. `offered` withdraws any completion or decline; `completed` keeps an earlier decline (the child took it up later); `declined` needs `declinedReason`.',
  },
);
export const InterviewInput = Type.Object({ id: Uuid, ...InterviewBody.properties }, { additionalProperties: false });

/** Raising a referral from a completed interview; consent and urgency default to what a return home interview implies. */
export const RaiseReferralInput = Type.Object(
  {
    id: Uuid,
    consent: Type.Optional(Enum(CONSENT)),
    lawfulBasisReason: Type.Optional(Type.String({ maxLength: 2000 })),
    urgency: Type.Optional(Enum(URGENCY)),
  },
  { additionalProperties: false },
);

export const DueQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

const whole = (label: string, min: number, max: number) =>
  Type.Integer({ minimum: min, maximum: max, errorMessage: `${label} must be a whole number from ${min} to ${max}` });
export const RuleInput = Type.Object(
  { episodes: whole('Number of episodes', 2, 50), withinDays: whole('Number of days', 1, 365) },
  { additionalProperties: false },
);

export const NoticeDraftInput = Type.Object({ id: Uuid, kind: Enum(NOTICE_KINDS) }, { additionalProperties: false });
export const NoticeInput = Type.Object(
  {
    id: Uuid,
    kind: Enum(NOTICE_KINDS, { errorMessage: { required: 'Select who the notice is for', enum: 'Select who the notice is for' } }),
    method: Enum(NOTICE_METHODS, { errorMessage: { required: 'Select how it was sent', enum: 'Select how it was sent' } }),
    recipient: Type.String({
      minLength: 1,
      maxLength: 300,
      errorMessage: { required: 'Enter who it was sent to', minLength: 'Enter who it was sent to', maxLength: 'Recipient must be 300 characters or fewer' },
    }),
    body: Type.String({
      minLength: 1,
      maxLength: 20_000,
      errorMessage: {
        required: 'Enter the text of the notice',
        minLength: 'Enter the text of the notice',
        maxLength: 'The notice must be 20000 characters or fewer',
      },
    }),
    sentAt: Type.Optional(DateTime('Date sent', 'When it was sent; defaults to now')),
    idempotencyKey: Type.Optional(Key),
  },
  { additionalProperties: false },
);

const ProfileText = (label: string) => Type.Optional(Text(5000, label));
export const ProfileInput = Type.Object(
  {
    personId: Uuid,
    description: ProfileText('Description'),
    associates: ProfileText('Associates'),
    places: ProfileText('Places frequented'),
    phones: ProfileText('Phones'),
    socialMedia: ProfileText('Social media'),
    medicalNeeds: ProfileText('Medical needs'),
    otherInformation: ProfileText('Other information'),
    /** The uploaded file's bytes; its type is read from them, not from the browser. */
    photo: Type.Optional(Type.Unsafe<Uint8Array>({ description: 'JPEG or PNG bytes' })),
  },
  { additionalProperties: false },
);

/** Without dates: the last full quarter. */
export const ReportQuery = Type.Partial(Period, { additionalProperties: false });
