// Committee input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { REPORT_KINDS } from '../reports/figures.ts';
import { CADENCES, COMMITTEE_MAX, NAME_MAX, TEXT_MAX, TITLE_MAX } from './domain.ts';

const required = (max: number, missing: string, what: string) =>
  Type.String({
    minLength: 1,
    maxLength: max,
    errorMessage: { required: missing, minLength: missing, maxLength: `${what} must be ${max} characters or fewer` },
  });
const optional = (max: number, what: string) =>
  Type.Optional(Type.String({ maxLength: max, errorMessage: { maxLength: `${what} must be ${max} characters or fewer` } }));
// Years 1900 to 2099: a real date the database can hold (it has no year 0), and no typing slip of a century.
const date = (what: string, example: string) => {
  const wrong = `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a real date, for example ${example}`;
  return Type.String({ format: 'date', pattern: '^(19|20)\\d\\d-', errorMessage: { required: `Enter ${what}`, format: wrong, pattern: wrong } });
};

const questionFields = {
  askedBy: required(NAME_MAX, 'Enter who asked the question', 'Who asked'),
  question: required(TEXT_MAX, 'Enter the question', 'The question'),
  answer: optional(TEXT_MAX, 'The answer'),
  answeredBy: optional(NAME_MAX, 'Who answered'),
  /** Defaults to the meeting's date (answered at the meeting) or, answered later, today. */
  answeredOn: Type.Optional(date('the date of the answer', '2026-11-27')),
};

const resolutionFields = {
  text: required(TEXT_MAX, 'Enter the resolution', 'The resolution'),
  evidencePromised: optional(TEXT_MAX, 'The evidence promised'),
  /** A recurring report promised from Jigsaw's own figures: the three together, or none. */
  reportKind: Type.Optional(Enum(REPORT_KINDS, { errorMessage: { enum: 'Select the report promised' } })),
  cadence: Type.Optional(Enum(CADENCES, { errorMessage: { enum: 'Select how often the report is promised' } })),
  firstPeriodStart: Type.Optional(date('the start of the first period reported on', '2026-04-01')),
};

export const QuestionInput = Type.Object(questionFields, { additionalProperties: false });
export const ResolutionInput = Type.Object(resolutionFields, { additionalProperties: false });

export const CreateMeetingInput = Type.Object(
  {
    committee: required(COMMITTEE_MAX, 'Enter the name of the committee', 'The committee’s name'),
    heldOn: date('the date of the meeting', '2026-11-27'),
    title: required(TITLE_MAX, 'Enter the title of the meeting or item', 'The title'),
    questions: Type.Optional(Type.Array(QuestionInput, { maxItems: 100 })),
    resolutions: Type.Optional(Type.Array(ResolutionInput, { maxItems: 100 })),
  },
  {
    $id: 'CommitteeMeetingCreateInput',
    additionalProperties: false,
    examples: [
      {
        committee: 'Children’s Scrutiny Panel (fictional)',
        heldOn: '2026-06-18',
        title: 'Child exploitation: partners’ review of the year (fictional)',
        questions: [
          {
            askedBy: 'Councillor A. Demo-Member',
            question: 'How are return home interviews offered when a parent does not consent?',
            answer: 'Outreach workers visit again and offer the interview to the child directly (fictional).',
            answeredBy: 'Taylor Demo-Missing, Missing and Return Interviews Coordinator',
          },
        ],
        resolutions: [
          {
            text: 'That the Panel receive quarterly reports on the undertaking of the return home interviews.',
            evidencePromised: 'Quarterly reports on the undertaking of the return home interviews',
            reportKind: 'missing',
            cadence: 'quarterly',
            firstPeriodStart: '2026-07-01',
          },
        ],
      },
    ],
  },
);

export const Ref = Type.Object({ id: Uuid }, { additionalProperties: false });

export const AddQuestionInput = Type.Object({ id: Uuid, ...questionFields }, { additionalProperties: false });

export const AnswerQuestionInput = Type.Object(
  {
    id: Uuid,
    number: Type.Integer({ minimum: 1, errorMessage: { required: 'Select the question answered', minimum: 'Select the question answered' } }),
    answer: required(TEXT_MAX, 'Enter the answer given', 'The answer'),
    answeredBy: optional(NAME_MAX, 'Who answered'),
    answeredOn: Type.Optional(date('the date of the answer', '2026-11-27')),
  },
  { additionalProperties: false },
);

export const AddResolutionInput = Type.Object({ id: Uuid, ...resolutionFields }, { additionalProperties: false });

export const SpawnActionInput = Type.Object(
  {
    id: Uuid,
    title: Type.String({
      minLength: 1,
      maxLength: 500,
      errorMessage: {
        required: 'Enter what needs to be done',
        minLength: 'Enter what needs to be done',
        maxLength: 'What needs to be done must be 500 characters or fewer',
      },
    }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    dueOn: date('a due date', '2027-03-31'),
  },
  { additionalProperties: false },
);
