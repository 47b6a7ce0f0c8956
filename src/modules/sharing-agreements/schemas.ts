// Data sharing agreement input and output: one schema for the API, the admin form and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { DATA_CATEGORY_IDS } from './domain.ts';

const text = (maxLength: number, label: string, required: string) =>
  Type.String({ maxLength, errorMessage: { maxLength: `${label} must be ${maxLength} characters or fewer`, type: `${label} must be text`, required } });

const date = (what: string, example: string) =>
  Type.String({
    format: 'date',
    description: 'YYYY-MM-DD',
    errorMessage: { format: `${what} must be a real date, like ${example}`, required: `Enter ${what.toLowerCase()}` },
  });

export const AgreementBody = Type.Object(
  {
    title: text(200, 'Title', 'Enter the agreement’s title'),
    purpose: text(4000, 'Purpose', 'Enter what the sharing is for'),
    lawfulBasis: text(2000, 'Lawful basis', 'Enter the lawful basis for the sharing'),
    dataCategories: Type.Array(Enum(DATA_CATEGORY_IDS), {
      minItems: 1,
      maxItems: DATA_CATEGORY_IDS.length,
      description: `Any of: ${DATA_CATEGORY_IDS.join(', ')}`,
      errorMessage: { minItems: 'Choose the categories of data shared', required: 'Choose the categories of data shared' },
    }),
    startDate: date('The start date', '2026-04-01'),
    reviewDate: date('The review date', '2027-03-31'),
    partyAgencyIds: Type.Array(Uuid, {
      minItems: 1,
      maxItems: 200,
      description: 'The agencies party to the agreement: their access to shared records relies on it',
      errorMessage: { minItems: 'Choose the agencies party to the agreement', required: 'Choose the agencies party to the agreement' },
    }),
  },
  {
    $id: 'SharingAgreementInput',
    additionalProperties: false,
    examples: [
      {
        title: 'Fictional Shire exploitation information sharing protocol',
        purpose: 'Identifying and protecting children at risk of exploitation through the multi-agency hub.',
        lawfulBasis: 'UK GDPR Article 6(1)(e) public task and Article 9(2)(g); Children Act 2004 section 11; DPA 2018 Part 3 for police.',
        dataCategories: ['identity', 'education', 'police'],
        startDate: '2026-04-01',
        reviewDate: '2027-03-31',
        partyAgencyIds: ['0190a8b2-0000-7000-8000-000000000001'],
      },
    ],
  },
);

export const AgreementId = Type.Object({ id: Uuid }, { additionalProperties: false });
export const UpdateAgreementInput = Type.Object({ id: Uuid, ...AgreementBody.properties }, { additionalProperties: false });

export const AgreementSchema = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    purpose: Type.String(),
    lawfulBasis: Type.String(),
    dataCategories: Type.Array(Type.String()),
    startDate: IsoDate,
    reviewDate: IsoDate,
    status: Type.String({ description: 'in_force, overdue (the review date has passed) or not_started' }),
    parties: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SharingAgreement' },
);
