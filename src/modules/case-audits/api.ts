// /api/v1/case-audits: multi-agency case audit rounds (a template of questions, a sample of children's cases drawn
// by a recorded rule and seed), each agency's answers, findings, remedial actions, the round's report.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { GRADES, ROUND_STATUSES } from './domain.ts';
import { getReport } from './report.ts';
import { addAuditAction, addFinding, answerCase, completeRound, getRound } from './rounds.ts';
import { AnswersInput, AuditActionInput, FindingInput, RoundInput, TemplateInput } from './schemas.ts';
import { createRound, createTemplate, listCaseAudits } from './use-cases.ts';

const tags = ['case-audits'];
const Params = Type.Object({ id: Uuid });
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

const Totals = Type.Object({
  cases: Type.Integer(),
  agencies: Type.Integer(),
  questions: Type.Integer(),
  answers: Type.Integer(),
  expected: Type.Integer({ description: 'cases × agencies × questions' }),
  findings: Type.Integer(),
});
const RoundSummary = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    template: Type.Object({ id: Uuid, name: Type.String() }),
    status: Enum(ROUND_STATUSES),
    period: Type.Object({ from: IsoDate, to: IsoDate }),
    totals: Totals,
  },
  { $id: 'CaseAuditRoundSummary' },
);
const Rule = Type.Object({
  from: IsoDate,
  to: IsoDate,
  size: Type.Integer(),
  riskLevels: Type.Array(Type.String()),
  categories: Type.Array(Type.String()),
  seed: Type.Integer(),
  population: Type.Integer({ description: 'How many cases matched the rule' }),
  explanation: Type.String({ description: 'e.g. "10 of 34 cases open between 1 April 2026 and 30 September 2026, high risk, drawn at random, seed 4821"' }),
});
const Counts = Type.Object({
  outstanding: Type.Integer(),
  good: Type.Integer(),
  requires_improvement: Type.Integer(),
  inadequate: Type.Integer(),
  total: Type.Integer(),
});
const Action = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: Type.String(),
  dueOn: IsoDate,
  ownerAgencyName: Type.String(),
  finding: Type.Union([Type.Integer(), Type.Null()]),
  caseNumber: Type.Union([Type.Integer(), Type.Null()]),
});
const Finding = Type.Object({ number: Type.Integer(), text: Type.String() });
const Round = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    status: Enum(ROUND_STATUSES),
    template: Type.Object({ id: Uuid, name: Type.String(), theme: Type.String() }),
    questions: Type.Array(Type.Object({ number: Type.Integer(), text: Type.String() })),
    rule: Rule,
    agencies: Type.Array(Type.Object({ id: Uuid, name: Type.String(), answered: Type.Integer(), expected: Type.Integer(), casesDone: Type.Integer() })),
    progress: Type.Object({ answered: Type.Integer(), expected: Type.Integer() }),
    cases: Type.Array(
      Type.Object({
        number: Type.Integer(),
        personId: Uuid,
        name: Type.Union([Type.String(), Type.Null()], { description: 'null when you may not read the child’s record' }),
        riskLevel: Type.String(),
        category: Type.String(),
        answeredBy: Type.Array(Type.String(), { description: 'Agencies that answered every question for the case' }),
      }),
    ),
    findings: Type.Array(Finding),
    actions: Type.Array(Action),
  },
  { $id: 'CaseAuditRound' },
);
const Report = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    status: Enum(ROUND_STATUSES),
    template: Type.Object({ name: Type.String(), theme: Type.String() }),
    rule: Rule,
    overall: Counts,
    byQuestion: Type.Array(Type.Object({ number: Type.Integer(), text: Type.String(), counts: Counts })),
    byAgency: Type.Array(Type.Object({ agencyId: Uuid, name: Type.String(), counts: Counts })),
    byCase: Type.Array(Type.Object({ label: Type.String({ description: '"Case 1".."Case N": no child is named' }), number: Type.Integer(), counts: Counts })),
    findings: Type.Array(Finding),
    actions: Type.Array(Action, { description: 'An action about one case is titled by its case number' }),
  },
  { $id: 'CaseAuditReport' },
);

export function caseAuditsApi(api: FastifyInstance) {
  api.get(
    '/case-audits',
    {
      config: { useCases: [listCaseAudits] },
      schema: {
        tags,
        summary: 'Case audit rounds, newest first, with their template, status and totals',
        response: withProblems({ 200: Type.Array(RoundSummary) }),
      },
    },
    async (req) => (await req.run(listCaseAudits, undefined)).rounds,
  );

  api.post(
    '/case-audits',
    {
      config: { useCases: [createRound] },
      schema: {
        tags,
        summary: 'Start a round: the sample is drawn by the rule, with the seed given or a random one (kept)',
        description:
          'Cases open at some time in the period (`from`..`to`), of the `riskLevels` and `categories` given (none: any), `sampleSize` of them drawn at random.',
        body: RoundInput,
        response: withProblems(
          {
            201: Type.Object({
              id: Uuid,
              name: Type.String(),
              templateId: Uuid,
              status: Enum(ROUND_STATUSES),
              sample: Type.Object({ drawn: Type.Integer(), population: Type.Integer(), seed: Type.Integer(), explanation: Type.String() }),
            }),
          },
          { 422: 'Not valid (no case matches the rule, a name already used)' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createRound, req.body as never)),
  );

  api.post(
    '/case-audits/templates',
    {
      config: { useCases: [createTemplate] },
      schema: {
        tags,
        summary: 'An audit template: its name, theme and numbered questions (JTAI-style)',
        body: TemplateInput,
        response: withProblems(
          {
            201: Type.Object({
              id: Uuid,
              name: Type.String(),
              theme: Type.String(),
              questions: Type.Array(Type.Object({ number: Type.Integer(), text: Type.String() })),
            }),
          },
          { 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createTemplate, req.body as never)),
  );

  api.get(
    '/case-audits/:id',
    {
      config: { useCases: [getRound] },
      schema: {
        tags,
        summary: 'A round: its sample (person-level, audited), progress of answers by agency, findings and actions',
        params: Params,
        response: withProblems({ 200: Round }, { 404: 'No such round' }),
      },
    },
    async (req) => req.run(getRound, { id: id(req) }),
  );

  api.get(
    '/case-audits/:id/report',
    {
      config: { useCases: [getReport] },
      schema: {
        tags,
        summary: 'The round’s report: grades counted by question, agency and case number; findings; actions and their status. No child is named',
        params: Params,
        response: withProblems({ 200: Report }, { 404: 'No such round' }),
      },
    },
    async (req) => req.run(getReport, { id: id(req) }),
  );

  api.post(
    '/case-audits/:id/answers',
    {
      config: { useCases: [answerCase] },
      schema: {
        tags,
        summary: 'Your agency’s grades and comments for one sampled case (a question answered again replaces the answer)',
        description: `\`grade\`: ${GRADES.join(', ')}. \`agencyId\`: only the hub records for another agency taking part.`,
        params: Params,
        body: Type.Omit(AnswersInput, ['id'], {
          examples: [
            {
              caseNumber: 1,
              answers: [{ question: 1, grade: 'requires_improvement', comment: 'Fictional: the plan was not updated after a missing episode.' }],
            },
          ],
        }),
        response: withProblems(
          {
            201: Type.Object({
              roundId: Uuid,
              caseNumber: Type.Integer(),
              agencyId: Uuid,
              agencyName: Type.String(),
              answered: Type.Integer(),
              grades: Type.Record(Type.String(), Type.Integer()),
            }),
          },
          { 404: 'No such round', 409: 'The round is completed', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(answerCase, { ...(req.body as { caseNumber: number; answers: [] }), id: id(req) })),
  );

  api.post(
    '/case-audits/:id/findings',
    {
      config: { useCases: [addFinding] },
      schema: {
        tags,
        summary: 'A finding of the round',
        params: Params,
        body: Type.Omit(FindingInput, ['id'], { examples: [{ text: 'Fictional: plans were not always updated after a missing episode.' }] }),
        response: withProblems(
          { 201: Type.Object({ roundId: Uuid, findingId: Uuid, number: Type.Integer() }) },
          { 404: 'No such round', 409: 'The round is completed', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(addFinding, { ...(req.body as { text: string }), id: id(req) })),
  );

  api.post(
    '/case-audits/:id/actions',
    {
      config: { useCases: [addAuditAction] },
      schema: {
        tags,
        summary: 'A remedial action in the tracker (source "case_audit"), from a finding or the round, about one case if given',
        params: Params,
        body: Type.Omit(AuditActionInput, ['id'], {
          examples: [
            {
              title: 'Fictional: review plans after every missing episode',
              ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000001',
              dueOn: '2027-03-31',
              finding: 1,
            },
          ],
        }),
        response: withProblems(
          {
            201: Type.Object({
              roundId: Uuid,
              actionId: Uuid,
              title: Type.String(),
              dueOn: IsoDate,
              finding: Type.Union([Type.Integer(), Type.Null()]),
              caseNumber: Type.Union([Type.Integer(), Type.Null()]),
            }),
          },
          { 404: 'No such round', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(addAuditAction, { ...(req.body as { title: string; ownerAgencyId: string; dueOn: string }), id: id(req) })),
  );

  api.post(
    '/case-audits/:id/complete',
    {
      config: { useCases: [completeRound] },
      schema: {
        tags,
        summary: 'Complete the round: its answers and findings are final',
        params: Params,
        response: withProblems(
          { 200: Type.Object({ id: Uuid, name: Type.String(), status: Enum(ROUND_STATUSES) }) },
          { 404: 'No such round', 409: 'Already completed' },
        ),
      },
    },
    async (req) => req.run(completeRound, { id: id(req) }),
  );
}
