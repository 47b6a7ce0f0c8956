// Referral input and output: one schema for the API, the referral form and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { PersonDetails } from '../people/schemas.ts';
import { VoiceFields } from '../voice/schemas.ts';
import { CONSENT, EXPLOITATION_TYPES, INDICATORS, STATUSES, URGENCY } from './domain.ts';

const text = (maxLength: number, label: string, required?: string) =>
  Type.String({
    maxLength,
    errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text`, ...(required ? { required } : {}) },
  });

/** An existing person ({"personId": ...}) or a new person's details: every person field is optional here. */
export const ReferralSubject = Type.Object(
  { personId: Type.Optional(Uuid), ...Type.Partial(PersonDetails).properties },
  {
    additionalProperties: false,
    description: 'An existing person you may already see ({"personId": ...}), or a new person’s details (givenName and familyName required)',
    errorMessage: {
      required: 'Say who the referral is about: an existing person, or a new person’s details',
      type: 'Say who the referral is about: an existing person, or a new person’s details',
    },
  },
);

export const ReferralBody = Type.Object(
  {
    subject: ReferralSubject,
    referringAgencyId: Type.Optional(Uuid),
    receivedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Defaults to now. Hub coordinators and partnership admins only.',
        errorMessage: { format: 'Received date and time must be a date-time, like 2026-03-27T14:30:00Z' },
      }),
    ),
    referrerName: text(120, 'Referrer name', 'Enter the name of the person making the referral'),
    referrerRole: Type.Optional(text(120, 'Referrer role')),
    referrerContact: Type.Optional(text(200, 'Referrer contact details')),
    concerns: text(10_000, 'Concerns', 'Describe the concerns'),
    exploitationTypes: Type.Optional(Type.Array(Enum(EXPLOITATION_TYPES), { maxItems: 20 })),
    indicators: Type.Optional(Type.Array(Enum(INDICATORS), { maxItems: 50 })),
    consent: Enum(CONSENT, { errorMessage: { required: 'Say whether consent to share was given, or the lawful basis for sharing without it' } }),
    lawfulBasisReason: Type.Optional(text(2000, 'Reason for sharing without consent')),
    sharingAgreementId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'The data sharing agreement the sharing relies on, where there is one (GET /sharing-agreements)',
        errorMessage: { format: 'Choose a data sharing agreement the partnership has recorded' },
      }),
    ),
    urgency: Type.Optional(Enum(URGENCY)),
    ...VoiceFields,
  },
  {
    $id: 'ReferralInput',
    additionalProperties: false,
    examples: [
      {
        subject: { givenName: 'Ann', familyName: 'Example', dateOfBirth: '2011-04-02', postcode: 'NM1 4AB' },
        referrerName: 'Sam Teacher',
        referrerRole: 'Designated safeguarding lead',
        referrerContact: 'sam.teacher@school.example',
        concerns: 'Seen getting into cars with unknown adults after school; new phone and expensive trainers.',
        exploitationTypes: ['cse'],
        indicators: ['cars_unknown_adults', 'unexplained_money'],
        consent: 'given',
        urgency: 'routine',
      },
    ],
  },
);

/** What the create use case takes: the body, plus the retry key (API header or the form's submission id). */
export const CreateReferralInput = Type.Object(
  { ...ReferralBody.properties, idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 220 })) },
  { additionalProperties: false },
);

const nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** What the hub decided, as the referrer and partner systems see it (GET /referrals/{id}). */
export const ReferralOutcomeSchema = Type.Object(
  {
    decision: nullable(Type.String({ description: 'The standing level of risk (returned_not_discussed, no_risk, low, medium, high); null until triaged' })),
    category: nullable(Type.String({ description: 'The standing category (ce, cse, ...); null until triaged' })),
    decidedAt: nullable(Type.String({ format: 'date-time' })),
    rationaleSummary: nullable(Type.String({ description: 'The first sentence of the hub’s reasons' })),
    screeningLevel: nullable(Type.String({ description: 'The latest screening level (not_at_risk, mild, moderate, significant); null until screened' })),
    actions: Type.Array(
      Type.Object({
        id: Uuid,
        description: Type.String(),
        ownerAgencyId: Uuid,
        ownerAgencyName: Type.String(),
        dueDate: IsoDate,
        status: Type.String(),
      }),
      { description: 'The actions your agency owns (the hub sees every action)' },
    ),
  },
  { $id: 'ReferralOutcome' },
);

export const ReferralSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    personId: Uuid,
    receivedAt: Type.String({ format: 'date-time' }),
    referringAgencyId: Uuid,
    referringAgencyName: Type.String(),
    referrerName: Type.String(),
    referrerRole: Type.Union([Type.String(), Type.Null()]),
    referrerContact: Type.Union([Type.String(), Type.Null()]),
    concerns: Type.String(),
    exploitationTypes: Type.Array(Type.String()),
    indicators: Type.Array(Type.String()),
    consent: Type.String(),
    lawfulBasisReason: Type.Union([Type.String(), Type.Null()]),
    sharingAgreementId: Type.Union([Uuid, Type.Null()], { description: 'The data sharing agreement the sharing relies on, or null' }),
    urgency: Type.String(),
    status: Type.String(),
    missingEssentials: Type.Array(Type.String(), { description: 'What the hub would need to chase: the referral’s quality' }),
    createdAt: Type.String({ format: 'date-time' }),
    outcome: Type.Optional(ReferralOutcomeSchema),
  },
  { $id: 'Referral' },
);

export const ReferralQuery = Type.Object(
  {
    status: Type.Optional(Enum(STATUSES)),
    receivedFrom: Type.Optional(IsoDate),
    receivedTo: Type.Optional(IsoDate),
    personId: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const ReferralId = Type.Object({ id: Uuid }, { additionalProperties: false });
