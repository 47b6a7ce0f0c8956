// Flags input: one schema each for the API, the page and the use cases.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../../platform/http/schemas.ts';

const day = (what: string) =>
  Type.String({ format: 'date', errorMessage: { required: `Enter the ${what}`, format: `The ${what} must be a real date, for example 2026-11-27` } });
const text = (max: number, what: string, required = false) =>
  Type.String({
    minLength: required ? 1 : 0,
    maxLength: max,
    errorMessage: { required: `Enter the ${what}`, minLength: `Enter the ${what}`, maxLength: `The ${what} must be ${max} characters or fewer` },
  });

export const FlagInput = Type.Object(
  {
    personId: Uuid,
    from: day('start date'),
    until: Type.Optional(day('end date')),
    contactName: text(200, 'name of who to contact', true),
    contactPhone: Type.Optional(text(50, 'phone number')),
    contactEmail: Type.Optional(text(200, 'e-mail address')),
    contactAgency: text(200, 'agency to contact', true),
  },
  { additionalProperties: false },
);
export const FlagBody = Type.Omit(FlagInput, ['personId'], {
  $id: 'PersonFlagInput',
  additionalProperties: false,
  examples: [
    {
      from: '2026-11-20',
      until: '2027-05-20',
      contactName: 'Demo-Duty Social Worker (fictional)',
      contactPhone: '01632 960200',
      contactEmail: 'mash@demo.example',
      contactAgency: 'Northmoor Children’s Services (fictional)',
    },
  ],
});
export const EndFlagInput = Type.Object({ personId: Uuid, flagId: Uuid }, { additionalProperties: false });
export const PersonRef = Type.Object({ personId: Uuid }, { additionalProperties: false });

/** A partner system's question: an exact NHS number, or given name, family name and date of birth (domain.ts identify). */
export const LookupQuery = Type.Object(
  {
    nhsNumber: Type.Optional(Type.String({ maxLength: 20, errorMessage: { maxLength: 'NHS number must be 10 digits with a valid check digit' } })),
    givenName: Type.Optional(Type.String({ maxLength: 100, errorMessage: { maxLength: 'The given name must be 100 characters or fewer' } })),
    familyName: Type.Optional(Type.String({ maxLength: 100, errorMessage: { maxLength: 'The family name must be 100 characters or fewer' } })),
    dateOfBirth: Type.Optional(Type.String({ format: 'date', errorMessage: { format: 'The date of birth must be a real date, for example 2012-05-17' } })),
  },
  { additionalProperties: false },
);
