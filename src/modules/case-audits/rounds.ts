// A case audit round: read it (the sample, progress of answers, findings, actions: person-level, audited with each
// sampled child), one sampled case's answers page, answer for an agency, add a finding, put a remedial action into
// the tracker, complete the round.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { may, mayAnswerForAgency, mayOnCaseAudit } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { personAccess } from '../people/use-cases.ts';
import { GRADE_TAG_CLASSES, type Grade, progress } from './domain.ts';
import { AnswersInput, AuditActionInput, CaseQuery, FindingInput, RoundRef } from './schemas.ts';
import * as store from './store.ts';
import { type ActionSummary, answerFact, categoryLabel, gradeLabel, riskText, ruleView, statusLabel } from './view.ts';

/** The round and its agencies, when the actor may do `action` on it: 404 when there is none, 403 when not theirs. */
export async function roundFor(db: Db, actor: Actor, id: string, action: 'read' | 'update' | 'manage', forUpdate = false) {
  const round = await store.roundById(db, actor.partnershipId, id, { forUpdate });
  if (!round) throw notFound('The audit round');
  const agencies = await store.agenciesOf(db, actor.partnershipId, id);
  if (!mayOnCaseAudit(actor, action, { agencyIds: agencies.map((a) => a.id) })) throw forbidden('Your agency does not take part in this audit round');
  return { round, agencies };
}

/** Actions from the round and its findings, each with its finding's number and its case's number (if about one). */
export async function roundActions(
  db: Db,
  partnershipId: string,
  roundId: string,
  findings: { id: string; number: number }[],
  cases: { number: number; personId: string }[],
) {
  const rows = await store.actionsOf(db, partnershipId, [roundId, ...findings.map((f) => f.id)]);
  return rows.map(
    (a): ActionSummary => ({
      id: a.id,
      title: a.description,
      status: a.status,
      dueOn: a.due_date,
      ownerAgencyName: a.owner_agency_name,
      finding: findings.find((f) => f.id === a.source_id)?.number ?? null,
      caseNumber: cases.find((c) => c.personId === a.person_id)?.number ?? null,
    }),
  );
}

export const getRound = useCase({
  name: 'case_audits.get_round',
  permission: ['case_audit', 'read'],
  input: RoundRef,
  async run({ db, actor, scope }, { id }) {
    const p = actor.partnershipId;
    const { round, agencies } = await roundFor(db, actor, id, 'read');
    const [template, questions, sampled, answers, findings] = await Promise.all([
      store.templateById(db, p, round.template_id),
      store.questionsOf(db, p, round.template_id),
      store.casesOf(db, p, id),
      store.answersOf(db, p, id),
      store.findingsOf(db, p, id),
    ]);
    const facts = answers.map(answerFact);
    const done = progress(
      facts,
      sampled.map((c) => c.number),
      agencies.map((a) => a.id),
      questions.length,
    );
    const cases = [];
    for (const c of sampled) {
      // The child's name only for those who may read the child's record; others work from "Case N".
      const named = scope === 'partnership' || (await personAccess(db, actor, c.person_id)) === 'readable';
      cases.push({
        number: c.number,
        auditCaseId: c.id,
        personId: c.person_id,
        name: named ? `${c.given_name} ${c.family_name}` : null,
        riskLevel: c.risk_level,
        riskLabel: riskText(c.risk_level),
        category: c.category,
        categoryLabel: categoryLabel(c.category),
        answeredBy: agencies.filter((g) => facts.filter((a) => a.caseNumber === c.number && a.agencyId === g.id).length >= questions.length).map((g) => g.name),
      });
    }
    return {
      id: round.id,
      name: round.name,
      status: round.status as 'open' | 'completed',
      statusLabel: statusLabel(round.status),
      template: { id: round.template_id, name: template?.name ?? '', theme: template?.theme ?? '' },
      questions,
      rule: ruleView(round, sampled.length),
      agencies: agencies.map((g) => ({ ...g, ...done.byAgency.find((b) => b.agencyId === g.id)! })),
      progress: { answered: done.answered, expected: done.expected },
      cases,
      findings: findings.map((f) => ({ id: f.id, number: f.number, text: f.text })),
      actions: await roundActions(db, p, id, findings, cases),
      completedAt: round.completed_at ? new Date(round.completed_at).toISOString() : null,
    };
  },
  audit: {
    read: 'case_audit.viewed',
    // Which children were sampled is person-level: one audit event per child shown, and one for the round.
    subject: (r) => [
      { type: 'case_audit_round', id: r.id, details: { cases: r.cases.length } },
      ...r.cases.map((c) => ({ type: 'case_audit_case', id: c.auditCaseId, personId: c.personId, details: { roundId: r.id, number: c.number } })),
    ],
  },
});

/** The agency answering: given (the hub, for any agency taking part) or the auditor's own. */
function answeringAgency(actor: Actor, agencies: { id: string; name: string }[], given?: string) {
  const agencyId = given ?? actor.agencyId;
  if (!mayAnswerForAgency(actor, agencyId)) throw forbidden('You answer for your own agency only');
  const agency = agencies.find((a) => a.id === agencyId);
  return agency ?? null;
}

/** One sampled case: its questions and the answering agency's answers (the hub sees every agency's). */
export const getAuditCase = useCase({
  name: 'case_audits.get_case',
  permission: ['case_audit', 'read'],
  input: CaseQuery,
  async run({ db, actor, scope }, { id, number, agencyId }) {
    const p = actor.partnershipId;
    const { round, agencies } = await roundFor(db, actor, id, 'read');
    const c = (await store.casesOf(db, p, id)).find((x) => x.number === number);
    if (!c) throw notFound(`Case ${number}`);
    const named = scope === 'partnership' || (await personAccess(db, actor, c.person_id)) === 'readable';
    const mayAnswer = round.status === 'open' && may(actor, 'case_audit', 'update');
    // Whose answers the form shows: the agency asked for, else the auditor's own, else (the hub) the first taking part.
    const wanted = agencyId ?? (agencies.some((a) => a.id === actor.agencyId) ? actor.agencyId : scope === 'partnership' ? agencies[0]?.id : undefined);
    const agency = wanted && mayAnswerForAgency(actor, wanted) ? (agencies.find((a) => a.id === wanted) ?? null) : null;
    const [questions, answers] = await Promise.all([store.questionsOf(db, p, round.template_id), store.answersOf(db, p, id)]);
    const mine = answers.filter((a) => a.case_number === number && (scope === 'partnership' || a.agency_id === actor.agencyId));
    return {
      round: { id: round.id, name: round.name, status: round.status, cases: Math.max(0, ...(await store.caseNumbersOf(db, p, id)).map((x) => x.number)) },
      case: {
        number,
        auditCaseId: c.id,
        personId: c.person_id,
        name: named ? `${c.given_name} ${c.family_name}` : null,
        riskLabel: riskText(c.risk_level),
        categoryLabel: categoryLabel(c.category),
      },
      agency,
      agencies: scope === 'partnership' ? agencies : agencies.filter((a) => a.id === actor.agencyId),
      mayAnswer: mayAnswer && agency !== null,
      questions: questions.map((q) => {
        const a = mine.find((x) => x.question_number === q.number && x.agency_id === agency?.id);
        return { ...q, grade: (a?.grade ?? null) as Grade | null, comment: a?.comment ?? '' };
      }),
      answers: mine.map((a) => ({
        agency: agencies.find((g) => g.id === a.agency_id)?.name ?? '',
        question: a.question_number,
        grade: a.grade,
        gradeLabel: gradeLabel(a.grade),
        gradeTagClass: GRADE_TAG_CLASSES[a.grade as Grade],
        comment: a.comment,
        answeredBy: a.answered_by_name,
      })),
    };
  },
  audit: {
    read: 'case_audit.case_viewed',
    subject: (r) => ({ type: 'case_audit_case', id: r.case.auditCaseId, personId: r.case.personId, details: { roundId: r.round.id, number: r.case.number } }),
  },
});

const openRound = (round: { status: string }) => {
  if (round.status !== 'open') throw new Problem(409, 'Audit round completed', 'The audit round is completed: its answers and findings are final');
};

/** An agency's grades and comments for one sampled case; a question answered again replaces the earlier answer. */
export const answerCase = useCase({
  name: 'case_audits.answer',
  permission: ['case_audit', 'update'],
  input: AnswersInput,
  async run({ db, actor, now }, input) {
    const p = actor.partnershipId;
    const { round, agencies } = await roundFor(db, actor, input.id, 'update', true);
    openRound(round);
    const agency = answeringAgency(actor, agencies, input.agencyId);
    if (!agency) throw new ValidationProblem([{ field: 'agencyId', message: 'Select an agency taking part in the audit round' }]);
    const c = (await store.caseNumbersOf(db, p, input.id)).find((x) => x.number === input.caseNumber);
    if (!c) throw new ValidationProblem([{ field: 'caseNumber', message: 'Choose a case of the round’s sample' }]);
    const numbers = new Set((await store.questionsOf(db, p, round.template_id)).map((q) => q.number));
    const seen = new Set<number>();
    const errors = input.answers.flatMap((a, i) => {
      if (!numbers.has(a.question)) return [{ field: `answers[${i}].question`, message: `The template has no question ${a.question}` }];
      if (seen.has(a.question)) return [{ field: `answers[${i}].question`, message: `Question ${a.question} is answered twice` }];
      seen.add(a.question);
      return [];
    });
    if (errors.length) throw new ValidationProblem(errors);
    await store.upsertAnswers(
      db,
      input.answers.map((a) => ({
        partnership_id: p,
        round_id: input.id,
        audit_case_id: c.id,
        agency_id: agency.id,
        question_number: a.question,
        grade: a.grade,
        comment: a.comment?.trim() ?? '',
        answered_by: actor.userId,
        answered_at: now,
      })),
    );
    const grades: Record<string, number> = {};
    for (const a of input.answers) grades[a.grade] = (grades[a.grade] ?? 0) + 1;
    return { roundId: input.id, caseNumber: input.caseNumber, agencyId: agency.id, agencyName: agency.name, answered: input.answers.length, grades };
  },
  audit: {
    change: 'case_audit.answered',
    // About the agencies' practice in the round, not an event in the child's chronology (decision 0019).
    subject: (r) => ({
      type: 'case_audit_round',
      id: r.roundId,
      details: { caseNumber: r.caseNumber, agencyId: r.agencyId, answered: r.answered, grades: r.grades },
    }),
  },
});

export const addFinding = useCase({
  name: 'case_audits.add_finding',
  permission: ['case_audit', 'manage'],
  input: FindingInput,
  async run({ db, actor, now }, input) {
    const { round } = await roundFor(db, actor, input.id, 'manage', true);
    openRound(round);
    const id = randomUUID();
    const number = await store.insertFinding(db, {
      partnership_id: actor.partnershipId,
      id,
      round_id: input.id,
      text: input.text.trim(),
      created_by: actor.userId,
      created_at: now,
    });
    return { roundId: input.id, findingId: id, number };
  },
  audit: {
    change: 'case_audit.finding_added',
    subject: (r) => ({ type: 'case_audit_round', id: r.roundId, details: { findingId: r.findingId, number: r.number } }),
  },
});

/**
 * A remedial action in the one tracker (source 'case_audit'): from a finding (its id the source) or the round; about
 * one sampled case, the action is about that child (the tracker's person). The tracker audits the action itself.
 */
export const addAuditAction = useCase({
  name: 'case_audits.add_action',
  permission: ['case_audit', 'manage'],
  input: AuditActionInput,
  async run({ db, actor, call }, input) {
    const p = actor.partnershipId;
    const { round } = await roundFor(db, actor, input.id, 'manage');
    const errors = [];
    const finding = input.finding === undefined ? null : (await store.findingsOf(db, p, input.id)).find((f) => f.number === input.finding);
    if (input.finding !== undefined && !finding) errors.push({ field: 'finding', message: 'Choose one of the round’s findings' });
    const c = input.caseNumber === undefined ? null : (await store.casesOf(db, p, input.id)).find((x) => x.number === input.caseNumber);
    if (input.caseNumber !== undefined && !c) errors.push({ field: 'caseNumber', message: 'Choose a case of the round’s sample' });
    if (errors.length) throw new ValidationProblem(errors);
    const action = await call(createAction, {
      sourceKind: 'case_audit',
      sourceId: finding?.id ?? round.id,
      ...(c ? { personId: c.person_id } : {}),
      context: `Case audit: ${round.name}${finding ? `, finding ${finding.number}` : ''}`.slice(0, 200),
      title: input.title,
      ownerAgencyId: input.ownerAgencyId,
      dueOn: input.dueOn,
    });
    return {
      roundId: round.id,
      actionId: action.id,
      title: action.title,
      dueOn: action.dueOn,
      finding: finding?.number ?? null,
      caseNumber: c?.number ?? null,
    };
  },
  audit: {
    change: 'case_audit.action_added',
    subject: (r) => ({ type: 'case_audit_round', id: r.roundId, details: { actionId: r.actionId, finding: r.finding, caseNumber: r.caseNumber } }),
  },
});

/** Completing the round: answers and findings are final; its report stands. Actions go on in the tracker. */
export const completeRound = useCase({
  name: 'case_audits.complete',
  permission: ['case_audit', 'manage'],
  input: RoundRef,
  async run({ db, actor, now }, { id }) {
    const { round } = await roundFor(db, actor, id, 'manage', true);
    openRound(round);
    await store.completeRound(db, actor.partnershipId, id, now);
    return { id, name: round.name, status: 'completed' as const };
  },
  audit: { change: 'case_audit_round.completed', subject: (r) => ({ type: 'case_audit_round', id: r.id, details: { name: r.name } }) },
});
