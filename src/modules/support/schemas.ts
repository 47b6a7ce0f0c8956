// Support input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Period, Uuid } from '../../platform/http/schemas.ts';
import { OUTCOMES, REASON_MAX, SERVICE_TYPES } from './domain.ts';

const opt = (max: number, what: string) =>
  Type.Optional(Type.String({ maxLength: max, errorMessage: { maxLength: `${what} must be ${max} characters or fewer` } }));
const age = (what: string) => Type.Optional(Type.Integer({ minimum: 0, maximum: 25, errorMessage: `The age ${what} must be a whole number from 0 to 25` }));
const day = Type.String({ format: 'date', errorMessage: { format: 'The date must be a real date, for example 2026-11-27' } });

export const ServiceInput = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      errorMessage: { required: 'Enter the name of the service', minLength: 'Enter the name of the service' },
    }),
    providerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the provider agency', format: 'Select the provider agency' } }),
    type: Enum(SERVICE_TYPES, { errorMessage: { required: 'Select the type of service' } }),
    eligibility: opt(2000, 'The eligibility'),
    ageFrom: age('from'),
    ageTo: age('to'),
    capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, errorMessage: 'The capacity must be a whole number of places' })),
    contactName: opt(200, 'The contact name'),
    contactPhone: opt(50, 'The phone number'),
    contactEmail: opt(200, 'The e-mail address'),
    active: Type.Optional(Type.Boolean()),
  },
  {
    $id: 'SupportServiceInput',
    additionalProperties: false,
    examples: [
      {
        name: 'Project Demo-X (fictional)',
        providerAgencyId: '00000000-0000-4000-8000-000000000101',
        type: 'specialist_cse_cce',
        eligibility: 'Young people at risk of sexual or criminal exploitation',
        ageFrom: 10,
        ageTo: 18,
        capacity: 20,
        contactName: 'Demo-Lead',
        contactPhone: '01632 960100',
        contactEmail: 'project-x@demo.example',
      },
    ],
  },
);
export const ServiceUpdate = Type.Object({ id: Uuid, ...ServiceInput.properties }, { additionalProperties: false });
export const ServiceRef = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ReferInput = Type.Object(
  {
    personId: Uuid,
    serviceId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the service', format: 'Select the service' } }),
    reason: Type.String({
      minLength: 1,
      maxLength: REASON_MAX,
      errorMessage: {
        required: 'Say why the child is referred',
        minLength: 'Say why the child is referred',
        maxLength: `The reason must be ${REASON_MAX} characters or fewer`,
      },
    }),
    sentOn: Type.Optional(day),
  },
  { additionalProperties: false },
);
export const ReferBody = Type.Omit(ReferInput, ['personId'], {
  $id: 'SupportReferralInput',
  additionalProperties: false,
  examples: [{ serviceId: '00000000-0000-4000-8000-000000000201', reason: 'Fictional: needs specialist one-to-one work after going missing.' }],
});

export const PersonRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ReferralRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const ReferralsQuery = Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });

export const DecisionInput = Type.Object(
  {
    id: Uuid,
    decision: Enum(['accept', 'decline'] as const, { errorMessage: { required: 'Select accept or decline' } }),
    reason: opt(REASON_MAX, 'The reason'),
    on: Type.Optional(day),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Omit(DecisionInput, ['id'], {
  $id: 'SupportDecisionInput',
  additionalProperties: false,
  examples: [{ decision: 'decline', reason: 'Fictional: outside the age range; suggest the youth service.' }],
});
export const StartInput = Type.Object({ id: Uuid, on: Type.Optional(day) }, { additionalProperties: false });
export const StartBody = Type.Omit(StartInput, ['id'], { $id: 'SupportStartInput', additionalProperties: false, examples: [{ on: '2026-11-20' }] });
export const EndInput = Type.Object(
  { id: Uuid, outcome: Enum(OUTCOMES, { errorMessage: { required: 'Select the outcome' } }), note: opt(REASON_MAX, 'The note'), on: Type.Optional(day) },
  { additionalProperties: false },
);
export const EndBody = Type.Omit(EndInput, ['id'], {
  $id: 'SupportEndInput',
  additionalProperties: false,
  examples: [{ outcome: 'engaged_completed', note: 'Fictional: attended all sessions.' }],
});

export const ReportInput = Type.Object({ ...Period.properties, publish: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
