// Information request input and output: one schema for the API, the pages and the use cases.
import { Type } from '@sinclair/typebox';
import { Enum, IsoDate, Uuid } from '../../platform/http/schemas.ts';
import { REQUEST_STATUSES } from './domain.ts';

const question = Type.String({
  minLength: 1,
  maxLength: 2000,
  errorMessage: {
    required: 'Enter what you want to know',
    minLength: 'Enter what you want to know',
    maxLength: 'The question must be 2000 characters or fewer',
  },
});

export const SendRequestBody = Type.Object(
  {
    referralId: Type.String({
      format: 'uuid',
      errorMessage: { required: 'Say which referral the request is about', format: 'There is no referral with that id' },
    }),
    agencyIds: Type.Array(Type.String({ format: 'uuid', errorMessage: { format: 'Select agencies of this partnership' } }), {
      minItems: 1,
      maxItems: 30,
      uniqueItems: true,
      errorMessage: { required: 'Select the agencies to ask', minItems: 'Select the agencies to ask', uniqueItems: 'Select each agency once' },
    }),
    question,
    dueDate: Type.String({
      format: 'date',
      errorMessage: { required: 'Enter a due date', format: 'The due date must be a real date, for example 2026-12-04' },
    }),
  },
  {
    $id: 'InformationRequestInput',
    additionalProperties: false,
    examples: [
      {
        referralId: '6f1c1d7e-0000-4000-8000-0000000000aa',
        agencyIds: ['6f1c1d7e-0000-4000-8000-000000000001'],
        question: 'What does your agency hold about this child: attendance, missing episodes, known associates?',
        dueDate: '2026-12-04',
      },
    ],
  },
);

/** What the send use case takes: the body, plus the retry key (API header or the form's submission id). */
export const SendRequestInput = Type.Object(
  { ...SendRequestBody.properties, idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 220 })) },
  { additionalProperties: false },
);

export const AnswerBody = Type.Object(
  {
    answer: Type.String({
      minLength: 1,
      maxLength: 10_000,
      errorMessage: {
        required: 'Enter what your agency holds about the person, or that it holds nothing',
        minLength: 'Enter what your agency holds about the person, or that it holds nothing',
        maxLength: 'The answer must be 10000 characters or fewer',
      },
    }),
  },
  {
    $id: 'InformationRequestAnswer',
    additionalProperties: false,
    examples: [{ answer: 'Attendance 62% this term; two fixed-term exclusions; seen collected by an older male in a grey car.' }],
  },
);

export const AnswerInput = Type.Object({ id: Uuid, ...AnswerBody.properties }, { additionalProperties: false });

export const RequestId = Type.Object({ id: Uuid }, { additionalProperties: false });

export const RequestQuery = Type.Object(
  {
    status: Type.Optional(Enum(Object.keys(REQUEST_STATUSES) as (keyof typeof REQUEST_STATUSES)[])),
    overdue: Type.Optional(Type.Boolean({ description: 'Only outstanding requests past their due date' })),
    referralId: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const InformationRequestSchema = Type.Object(
  {
    id: Uuid,
    referralId: Uuid,
    referralReference: Type.String(),
    person: Type.Object(
      { name: Type.String(), dateOfBirth: Type.Union([IsoDate, Type.Null()]) },
      { description: 'Only who the request is about: the answering agency does not see the case' },
    ),
    agencyId: Uuid,
    agencyName: Type.String(),
    question: Type.String(),
    dueDate: IsoDate,
    status: Type.String({ description: 'outstanding or answered' }),
    overdue: Type.Boolean(),
    answer: Type.Union([Type.String(), Type.Null()]),
    answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    answeredBy: Type.Union([Type.String(), Type.Null()]),
    askedBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'InformationRequest' },
);
