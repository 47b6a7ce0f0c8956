// A round's report: grades counted by question, by agency and by case (Case 1..N, never a child's name), the
// findings, and the remedial actions with their status. Aggregate, so read by scrutiny members too (audit none).
import { notFound } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { GRADE_LABELS, GRADES, rollUp } from './domain.ts';
import { roundActions } from './rounds.ts';
import { RoundRef } from './schemas.ts';
import * as store from './store.ts';
import { answerFact, ruleView, statusLabel } from './view.ts';

export const getReport = useCase({
  name: 'case_audits.report',
  permission: ['case_audit_report', 'read'],
  input: RoundRef,
  async run({ db, actor }, { id }) {
    const p = actor.partnershipId;
    const round = await store.roundById(db, p, id);
    if (!round) throw notFound('The audit round');
    const [template, questions, agencies, cases, answers, findings] = await Promise.all([
      store.templateById(db, p, round.template_id),
      store.questionsOf(db, p, round.template_id),
      store.agenciesOf(db, p, id),
      store.caseNumbersOf(db, p, id),
      store.answersOf(db, p, id),
      store.findingsOf(db, p, id),
    ]);
    const roll = rollUp(
      answers.map(answerFact),
      questions.map((q) => q.number),
      agencies.map((a) => a.id),
      cases.map((c) => c.number),
    );
    // Cases by number only: the person behind an action is turned into its case number and then dropped.
    const people = (await store.casesOf(db, p, id)).map((c) => ({ number: c.number, personId: c.person_id }));
    const actions = (await roundActions(db, p, id, findings, people)).map((a) => ({
      ...a,
      // An action about one case is named by the case's number: its title may name the child.
      title: a.caseNumber === null ? a.title : `Remedial action for Case ${a.caseNumber}`,
    }));
    return {
      id: round.id,
      name: round.name,
      status: round.status as 'open' | 'completed',
      statusLabel: statusLabel(round.status),
      template: { name: template?.name ?? '', theme: template?.theme ?? '' },
      rule: ruleView(round, cases.length),
      grades: GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] })),
      overall: roll.overall,
      byQuestion: roll.byQuestion.map((q) => ({ ...q, text: questions.find((x) => x.number === q.number)?.text ?? '' })),
      byAgency: roll.byAgency.map((a) => ({ ...a, name: agencies.find((x) => x.id === a.agencyId)?.name ?? '' })),
      byCase: roll.byCase.map((c) => ({ label: `Case ${c.number}`, number: c.number, counts: c.counts })),
      findings: findings.map((f) => ({ number: f.number, text: f.text })),
      actions,
    };
  },
  audit: { none: 'grades counted by question, agency and case number, findings and actions: no child is named' },
});
