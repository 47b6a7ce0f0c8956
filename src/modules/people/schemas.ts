// Person input and output, one schema for the API, the referral form and the use cases.
import { type Static, Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { ETHNICITIES, SEXES } from './domain.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const text = (maxLength: number, label: string, extra: Record<string, unknown> = {}) =>
  Type.String({ maxLength, errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text` }, ...extra });

export const PersonDetails = Type.Object(
  {
    givenName: text(100, 'First name', {
      errorMessage: { required: 'Enter the first name', maxLength: 'First name must be 100 characters or fewer', type: 'First name must be text' },
    }),
    familyName: text(100, 'Last name', {
      errorMessage: { required: 'Enter the last name', maxLength: 'Last name must be 100 characters or fewer', type: 'Last name must be text' },
    }),
    aliases: Type.Optional(
      Type.Array(
        Type.Object(
          { givenName: Type.Optional(text(100, 'Alias first name')), familyName: Type.Optional(text(100, 'Alias last name')) },
          { additionalProperties: false },
        ),
        {
          maxItems: 10,
        },
      ),
    ),
    dateOfBirth: Type.Optional(
      Type.String({
        format: 'date',
        description: 'YYYY-MM-DD; omit when unknown',
        errorMessage: { format: 'Date of birth must be a real date, like 2010-03-27' },
      }),
    ),
    dobPrecision: Type.Optional(Enum(['exact', 'approximate', 'unknown'] as const, { description: 'How sure the date of birth is' })),
    sex: Type.Optional(Enum(SEXES)),
    ethnicity: Type.Optional(Enum(ETHNICITIES, { description: 'ONS 2021 ethnic group', errorMessage: { enum: 'Select an ethnicity from the ONS list' } })),
    firstLanguage: Type.Optional(text(60, 'First language')),
    address: Type.Optional(text(300, 'Address')),
    postcode: Type.Optional(text(10, 'Postcode')),
    nhsNumber: Type.Optional(text(12, 'NHS number', { description: '10 digits with a modulus 11 check digit' })),
    policeReference: Type.Optional(text(40, 'Police reference')),
    laCaseReference: Type.Optional(text(40, 'Local authority case reference')),
    schoolUpn: Type.Optional(text(13, 'Unique pupil number')),
    placedByOtherLa: Type.Optional(Type.Boolean({ description: 'Placed here by another local authority' })),
    placingAuthority: Type.Optional(text(120, 'Placing authority')),
  },
  { additionalProperties: false, $id: 'PersonDetails' },
);
export type PersonDetails = Static<typeof PersonDetails>;

export const PersonSchema = Type.Object(
  {
    id: Uuid,
    givenName: Type.String(),
    familyName: Type.String(),
    aliases: Type.Array(Type.Object({ givenName: Nullable(Type.String()), familyName: Nullable(Type.String()) })),
    dateOfBirth: Type.Union([IsoDate, Type.Null()]),
    dobPrecision: Type.String(),
    sex: Nullable(Type.String()),
    ethnicity: Nullable(Type.String()),
    firstLanguage: Nullable(Type.String()),
    address: Nullable(Type.String()),
    postcode: Nullable(Type.String()),
    nhsNumber: Nullable(Type.String()),
    policeReference: Nullable(Type.String()),
    laCaseReference: Nullable(Type.String()),
    schoolUpn: Nullable(Type.String()),
    placedByOtherLa: Type.Boolean(),
    placingAuthority: Nullable(Type.String()),
    agencies: Type.Array(Type.Object({ id: Uuid, name: Type.String(), sector: Type.String() }), { description: 'Agencies involved with the person' }),
  },
  { $id: 'Person' },
);

export const PersonId = Type.Object({ id: Uuid }, { additionalProperties: false });
export const PersonSearch = Type.Object(
  {
    q: Type.String({
      maxLength: 200,
      description:
        'Names (misspelt, nicknamed or either way round), a date of birth (12/3/2010, 2010-03-12, 12 March 2010, 12.03.10), a postcode, an NHS number',
    }),
  },
  { additionalProperties: false, $id: 'PersonSearch' },
);

const Reason = Type.Object({
  kind: Type.String({ description: 'same_name, nickname, sounds_like, similar_spelling, names_swapped, dob, postcode or nhs' }),
  text: Type.String({ description: 'In words: "Name sounds like Zara", "Same date of birth"' }),
});

export const PersonSearchResultSchema = Type.Object(
  {
    understood: Type.Object(
      {
        names: Type.Array(Type.String()),
        dateOfBirth: Type.Union([IsoDate, Type.Null()]),
        postcode: Nullable(Type.String()),
        nhsNumber: Nullable(Type.String()),
      },
      { description: 'What the search was read as' },
    ),
    people: Type.Array(
      Type.Object({
        id: Uuid,
        givenName: Type.String(),
        familyName: Type.String(),
        dateOfBirth: Type.Union([IsoDate, Type.Null()]),
        postcode: Nullable(Type.String()),
        score: Type.Number({ description: 'Higher is closer; results are in this order' }),
        reasons: Type.Array(Reason, { description: 'Why they matched, one entry per part of the search that matched' }),
      }),
      { description: 'Only people you may see, closest first, at most 50' },
    ),
    narrower: Type.Boolean({ description: 'Many people share part of the search; add a date of birth or postcode to narrow it' }),
  },
  { $id: 'PersonSearchResult' },
);
