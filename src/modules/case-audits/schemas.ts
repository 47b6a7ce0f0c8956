// Case audit input: one schema each for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, Uuid } from '../../platform/http/schemas.ts';
import { RISK_LEVELS } from '../cases/domain.ts';
import { TRIAGE_CATEGORIES } from '../triage/vocab.ts';
import { COMMENT_MAX, FINDING_MAX, GRADES, NAME_MAX, QUESTION_MAX, QUESTIONS_MAX, SAMPLE_MAX } from './domain.ts';

const EX_ID = '6f1c1d7e-0000-4000-8000-000000000001';
const named = (what: string) =>
  Type.String({
    minLength: 1,
    maxLength: NAME_MAX,
    errorMessage: {
      required: `Enter the name of the ${what}`,
      minLength: `Enter the name of the ${what}`,
      maxLength: `The name must be ${NAME_MAX} characters or fewer`,
    },
  });
const day = (what: string) =>
  Type.String({ format: 'date', errorMessage: { required: `Enter ${what}`, format: `${what[0].toUpperCase()}${what.slice(1)} must be a real date` } });

export const TemplateInput = Type.Object(
  {
    name: named('template'),
    theme: Type.String({
      minLength: 1,
      maxLength: NAME_MAX,
      errorMessage: {
        required: 'Enter the theme of the audit',
        minLength: 'Enter the theme of the audit',
        maxLength: `The theme must be ${NAME_MAX} characters or fewer`,
      },
    }),
    questions: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: QUESTION_MAX,
        errorMessage: { minLength: 'Enter the question', maxLength: `A question must be ${QUESTION_MAX} characters or fewer` },
      }),
      { minItems: 1, maxItems: QUESTIONS_MAX, errorMessage: { required: 'Enter at least one question', minItems: 'Enter at least one question' } },
    ),
  },
  {
    $id: 'CaseAuditTemplateInput',
    additionalProperties: false,
    examples: [
      {
        name: 'Mock JTAI: exploitation (fictional)',
        theme: 'Children at risk of exploitation',
        questions: ['Are assessments and plans dynamic and change in the light of emerging issues and risks?'],
      },
    ],
  },
);

export const RoundInput = Type.Object(
  {
    templateId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the audit template', format: 'Select the audit template' } }),
    name: named('audit round'),
    from: day('the start of the period'),
    to: day('the end of the period'),
    sampleSize: Type.Integer({
      minimum: 1,
      maximum: SAMPLE_MAX,
      errorMessage: {
        required: 'Enter how many cases to audit',
        type: 'Enter how many cases to audit as a number',
        minimum: 'Audit at least 1 case',
        maximum: `Audit at most ${SAMPLE_MAX} cases in a round`,
      },
    }),
    riskLevels: Type.Optional(Type.Array(Enum(RISK_LEVELS), { maxItems: RISK_LEVELS.length, uniqueItems: true })),
    categories: Type.Optional(Type.Array(Enum(TRIAGE_CATEGORIES), { maxItems: TRIAGE_CATEGORIES.length, uniqueItems: true })),
    agencyIds: Type.Array(Type.String({ format: 'uuid', errorMessage: { format: 'Select the agencies taking part' } }), {
      minItems: 1,
      maxItems: 30,
      uniqueItems: true,
      errorMessage: { required: 'Select the agencies taking part', minItems: 'Select the agencies taking part' },
    }),
    /** Given to draw the same sample again; otherwise chosen at random and recorded. */
    seed: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 999_999,
        errorMessage: { minimum: 'The seed must be a whole number from 1 to 999999', maximum: 'The seed must be a whole number from 1 to 999999' },
      }),
    ),
  },
  {
    $id: 'CaseAuditRoundInput',
    additionalProperties: false,
    examples: [
      {
        templateId: EX_ID,
        name: 'Exploitation audit, autumn 2026 (fictional)',
        from: '2026-04-01',
        to: '2026-09-30',
        sampleSize: 10,
        riskLevels: ['high'],
        agencyIds: [EX_ID],
        seed: 4821,
      },
    ],
  },
);

export const RoundRef = Type.Object({ id: Uuid }, { additionalProperties: false });
export const CaseRef = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1, maximum: SAMPLE_MAX }) }, { additionalProperties: false });

export const AnswerItem = Type.Object(
  {
    question: Type.Integer({ minimum: 1, maximum: 99 }),
    grade: Enum(GRADES, { errorMessage: { required: 'Select a grade' } }),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX, errorMessage: { maxLength: `A comment must be ${COMMENT_MAX} characters or fewer` } })),
  },
  { additionalProperties: false },
);

export const AnswersInput = Type.Object(
  {
    id: Uuid,
    caseNumber: Type.Integer({ minimum: 1, maximum: SAMPLE_MAX, errorMessage: { required: 'Say which case (1 to N) the answers are for' } }),
    /** The agency answering: the auditor's own; only the hub (partnership scope) records for another. */
    agencyId: Type.Optional(Type.String({ format: 'uuid', errorMessage: { format: 'Select the agency answering' } })),
    answers: Type.Array(AnswerItem, { minItems: 1, maxItems: QUESTIONS_MAX, errorMessage: { minItems: 'Grade at least one question' } }),
  },
  { additionalProperties: false },
);

export const FindingInput = Type.Object(
  {
    id: Uuid,
    text: Type.String({
      minLength: 1,
      maxLength: FINDING_MAX,
      errorMessage: { required: 'Enter the finding', minLength: 'Enter the finding', maxLength: `A finding must be ${FINDING_MAX} characters or fewer` },
    }),
  },
  { additionalProperties: false },
);

export const AuditActionInput = Type.Object(
  {
    id: Uuid,
    title: Type.String({ minLength: 1, maxLength: 500, errorMessage: { required: 'Enter what needs to be done', minLength: 'Enter what needs to be done' } }),
    ownerAgencyId: Type.String({ format: 'uuid', errorMessage: { required: 'Select the agency responsible', format: 'Select the agency responsible' } }),
    dueOn: Type.String({ format: 'date', errorMessage: { required: 'Enter a due date', format: 'Due date must be a real date' } }),
    /** The finding it remedies (its number); otherwise the round. */
    finding: Type.Optional(Type.Integer({ minimum: 1 })),
    /** The sampled case it is about (its number): the action is then about that child. */
    caseNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: SAMPLE_MAX })),
  },
  { additionalProperties: false },
);

/** One sampled case's answers page: the agency answering (the hub chooses; an auditor's is their own). */
export const CaseQuery = Type.Object(
  { id: Uuid, number: Type.Integer({ minimum: 1, maximum: SAMPLE_MAX }), agencyId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
