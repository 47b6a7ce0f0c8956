// Standards framework and self-assessment input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { DESCRIPTION_MAX, NAME_MAX, RATINGS, SUMMARY_MAX } from './domain.ts';

const EX_AGENCY = '6f1c1d7e-0000-4000-8000-000000000001';
const date = (what: string, example: string) =>
  Type.String({
    format: 'date',
    errorMessage: { required: `Enter ${what}`, format: `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a real date, for example ${example}` },
  });

export const StandardInput = Type.Object(
  {
    number: Type.Integer({
      minimum: 1,
      maximum: 999,
      errorMessage: { required: 'Give the standard’s number', minimum: 'Numbers start at 1', maximum: 'Numbers go up to 999' },
    }),
    title: Type.String({
      minLength: 1,
      maxLength: NAME_MAX,
      errorMessage: {
        required: 'Enter the standard’s title',
        minLength: 'Enter the standard’s title',
        maxLength: `A title must be ${NAME_MAX} characters or fewer`,
      },
    }),
    description: Type.Optional(
      Type.String({ maxLength: DESCRIPTION_MAX, errorMessage: { maxLength: `A description must be ${DESCRIPTION_MAX} characters or fewer` } }),
    ),
  },
  { additionalProperties: false },
);

export const CreateFrameworkInput = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: NAME_MAX,
      errorMessage: {
        required: 'Enter the name of the framework',
        minLength: 'Enter the name of the framework',
        maxLength: `The name must be ${NAME_MAX} characters or fewer`,
      },
    }),
    description: Type.Optional(
      Type.String({ maxLength: DESCRIPTION_MAX, errorMessage: { maxLength: `The description must be ${DESCRIPTION_MAX} characters or fewer` } }),
    ),
    perQuarter: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 50,
        errorMessage: {
          type: 'Enter how many standards are reviewed a quarter, as a number',
          minimum: 'Review at least 1 standard a quarter',
          maximum: 'Review at most 50 standards a quarter',
        },
      }),
    ),
    startsOn: date('the day the cycle starts', '2026-04-01'),
    standards: Type.Array(StandardInput, {
      minItems: 1,
      maxItems: 200,
      errorMessage: { required: 'Add the standards', minItems: 'Add at least one standard' },
    }),
  },
  {
    $id: 'StandardsFrameworkCreateInput',
    additionalProperties: false,
    description: '`startsOn`: the first day of a month; quarters are counted from it. `perQuarter` defaults to 3.',
    examples: [
      {
        name: 'Local exploitation standards (fictional)',
        description: 'Reviewed three a quarter at the strategic exploitation meeting.',
        perQuarter: 3,
        startsOn: '2026-04-01',
        standards: [
          { number: 1, title: 'Leaders know the scale of exploitation locally', description: 'Fictional wording.' },
          { number: 2, title: 'Children are heard and their views shape the plan' },
        ],
      },
    ],
  },
);

/** New wording of a standard: its title and description (the schedule is unchanged: its number stays). */
export const WordingInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1 }),
    title: StandardInput.properties.title,
    description: Type.Optional(
      Type.String({ maxLength: DESCRIPTION_MAX, errorMessage: { maxLength: `A description must be ${DESCRIPTION_MAX} characters or fewer` } }),
    ),
  },
  { additionalProperties: false },
);

export const FrameworkRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const StandardRef = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const EvidenceLinkInput = Type.Object(
  {
    title: Type.String({
      minLength: 1,
      maxLength: 200,
      errorMessage: {
        required: 'Enter a title for the link',
        minLength: 'Enter a title for the link',
        maxLength: 'A link’s title must be 200 characters or fewer',
      },
    }),
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      errorMessage: {
        required: 'Enter the web address or Jigsaw path',
        minLength: 'Enter the web address or Jigsaw path',
        maxLength: 'A web address must be 2000 characters or fewer',
      },
    }),
  },
  { additionalProperties: false },
);

export const ActionInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500, errorMessage: { required: 'Enter what needs to be done', minLength: 'Enter what needs to be done' } }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    dueOn: date('a due date', '2027-03-31'),
  },
  { additionalProperties: false },
);

export const AssessInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1 }),
    rating: Enum(RATINGS, { errorMessage: { required: 'Select whether the standard is met' } }),
    evidenceSummary: Type.String({
      minLength: 1,
      maxLength: SUMMARY_MAX,
      errorMessage: {
        required: 'Enter a summary of the evidence',
        minLength: 'Enter a summary of the evidence',
        maxLength: `The summary must be ${SUMMARY_MAX} characters or fewer`,
      },
    }),
    evidenceLinks: Type.Optional(Type.Array(EvidenceLinkInput, { maxItems: 20 })),
    /** The day the self-assessment was made; today when not given. */
    assessedOn: Type.Optional(date('the date of the assessment', '2026-11-27')),
    /** The first day of the quarter it is for; the quarter the standard was last due in when not given. */
    quarter: Type.Optional(date('the quarter', '2026-10-01')),
    actions: Type.Optional(Type.Array(ActionInput, { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export const ASSESS_EXAMPLE = {
  rating: 'partly_met',
  evidenceSummary: 'Fictional: the audit of twelve cases found the child’s voice recorded in nine.',
  evidenceLinks: [{ title: 'Triage report for the quarter', url: '/reports/triage?from=2026-10-01&to=2026-12-31' }],
  assessedOn: '2026-11-27',
  actions: [{ title: 'Add the child’s words to the plan template', ownerAgencyId: EX_AGENCY, dueOn: '2027-03-31' }],
};
