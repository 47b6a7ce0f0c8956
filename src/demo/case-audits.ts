// Fictional demo case audits for Northmoor: a mock JTAI template (questions as seed 004 words them) and one
// completed round: six cases drawn by the rule with a recorded seed, answers from three agencies, two findings and a
// remedial action in the tracker. Every name is made up.
import { randomUUID } from 'node:crypto';
import { drawSample, GRADES } from '../modules/case-audits/domain.ts';
import { samplingCandidates } from '../modules/case-audits/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import '../modules/case-audits/schema.ts';
import { insertRows } from './store.ts';

const QUESTIONS = [
  'Have agencies worked together to identify children at risk or who are exploited, intervened to reduce risk and monitor effectively the impact of interventions so that risk is reduced?',
  'Are assessments timely and include contributions from all agencies?',
  'Are assessments and plans dynamic and change in the light of emerging issues and risks?',
  'Is there effective information sharing, planning, decision-making and monitoring?',
  'Is the experience of the child well understood and their views are clearly recorded and central to an effective multi-agency response?',
  'Are partners avoiding victim-blaming language and approaches in their practice?',
];
const FINDINGS = [
  'Fictional: agencies engaged well with children and families; exploitation was recognised and the toolkit completed in every case.',
  'Fictional: information was not always shared when new risks emerged, so plans were not updated after missing episodes in three cases.',
];
const DAY = 86_400_000;

export async function seedCaseAuditsDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  users: { coordinator: string; manager: string; hubMember: string },
  anchor: Date,
): Promise<void> {
  const today = ukDate(anchor);
  const templateId = randomUUID();
  await insertRows(tx, 'case_audit_template', [
    {
      partnership_id: pid,
      id: templateId,
      name: 'Mock JTAI: children at risk of exploitation (fictional)',
      theme: 'Exploitation',
      created_by: users.coordinator,
      created_at: new Date(anchor.getTime() - 120 * DAY),
    },
  ]);
  await insertRows(
    tx,
    'case_audit_question',
    QUESTIONS.map((text, i) => ({ partnership_id: pid, template_id: templateId, number: i + 1, text })),
  );
  const rule = { from: addDays(today, -180), to: addDays(today, -60), size: 6, riskLevels: ['high', 'medium'], categories: [], seed: 4821 };
  const candidates = (await samplingCandidates(tx, pid)).map((c) => ({
    caseId: c.id,
    personId: c.person_id,
    riskLevel: c.risk_level,
    category: c.category,
    openedOn: ukDate(new Date(c.opened_at)),
    closedOn: c.closed_at ? ukDate(new Date(c.closed_at)) : null,
  }));
  const { population, sample } = drawSample(candidates, rule);
  if (!sample.length) return;
  const roundId = randomUUID();
  // Social care (the team manager), the police (the hub member) and health (recorded by the hub for it).
  const answering = [
    { agencyId: agencyIds.csc, by: users.manager },
    { agencyId: agencyIds.police, by: users.hubMember },
    { agencyId: agencyIds.health, by: users.coordinator },
  ];
  await insertRows(tx, 'case_audit_round', [
    {
      partnership_id: pid,
      id: roundId,
      template_id: templateId,
      name: 'Mock JTAI exploitation audit (fictional)',
      period_from: rule.from,
      period_to: rule.to,
      risk_levels: rule.riskLevels,
      categories: [],
      sample_size: rule.size,
      seed: rule.seed,
      population,
      status: 'completed',
      created_by: users.coordinator,
      created_at: new Date(anchor.getTime() - 50 * DAY),
      completed_at: new Date(anchor.getTime() - 20 * DAY),
    },
  ]);
  await insertRows(
    tx,
    'case_audit_agency',
    answering.map((a) => ({ partnership_id: pid, round_id: roundId, agency_id: a.agencyId })),
  );
  const cases = sample.map((c, i) => ({ partnership_id: pid, id: randomUUID(), round_id: roundId, number: i + 1, case_id: c.caseId, person_id: c.personId }));
  await insertRows(tx, 'case_audit_case', cases);
  // Grades mostly good, the information-sharing question weaker: a fixed pattern, so the report reads the same each time.
  await insertRows(
    tx,
    'case_audit_answer',
    cases.flatMap((c, ci) =>
      answering.flatMap((a, ai) =>
        QUESTIONS.map((_, qi) => {
          const grade = qi === 3 ? GRADES[(ci + ai) % 2 === 0 ? 2 : 3] : GRADES[(ci + ai + qi) % 4 === 0 ? 0 : (ci + qi) % 5 === 0 ? 2 : 1];
          return {
            partnership_id: pid,
            round_id: roundId,
            audit_case_id: c.id,
            agency_id: a.agencyId,
            question_number: qi + 1,
            grade,
            comment: qi === 3 && grade === 'inadequate' ? 'Fictional: the latest missing episode was not shared with the other agencies.' : '',
            answered_by: a.by,
            answered_at: new Date(anchor.getTime() - (40 - ci) * DAY),
          };
        }),
      ),
    ),
  );
  const findingIds = FINDINGS.map(() => randomUUID());
  await insertRows(
    tx,
    'case_audit_finding',
    FINDINGS.map((text, i) => ({
      partnership_id: pid,
      id: findingIds[i],
      round_id: roundId,
      number: i + 1,
      text,
      created_by: users.coordinator,
      created_at: new Date(anchor.getTime() - 25 * DAY),
    })),
  );
  await insertRows(tx, 'triage_action', [
    {
      partnership_id: pid,
      id: randomUUID(),
      decision_id: null as unknown as string,
      referral_id: null as unknown as string,
      source_kind: 'case_audit',
      source_id: findingIds[1],
      plan_id: null,
      person_id: null,
      context: 'Case audit: Mock JTAI exploitation audit (fictional), finding 2',
      description: 'Fictional: share every missing episode with the agencies on the child’s plan within one working day',
      owner_agency_id: agencyIds.csc,
      owner_user_id: null,
      owner_name: null,
      due_date: addDays(today, 30),
      status: 'in_progress',
      status_changed_at: new Date(anchor.getTime() - 10 * DAY),
      status_changed_by: users.coordinator,
      created_by: users.coordinator,
      created_at: new Date(anchor.getTime() - 20 * DAY),
    },
  ]);
}
