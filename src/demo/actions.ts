// Demo action tracker and multi-agency plan (entirely fictional): the social worker's first open case gets a plan
// with goals and a review, and actions in every state (open and green, amber, overdue red, in progress, done,
// cancelled with a reason), one from a meeting; the teacher's manager is named so overdue actions escalate.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { firstOpenCaseOf, insertRows, setDemoManager } from './store.ts';

export async function seedActionsDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  users: { coordinator: string; socialWorker: string; teacher: string; manager: string },
  anchor: Date,
): Promise<void> {
  const personId = await firstOpenCaseOf(tx, pid, users.socialWorker);
  if (!personId) return;
  const today = ukDate(anchor);
  await setDemoManager(tx, pid, [users.teacher, users.socialWorker], users.manager);
  const planId = randomUUID();
  await insertRows(tx, 'case_plan', [
    { partnership_id: pid, id: planId, person_id: personId, created_by: users.coordinator, created_at: new Date(anchor.getTime() - 21 * 86_400_000) },
  ]);
  await insertRows(tx, 'plan_goal', [
    {
      partnership_id: pid,
      id: randomUUID(),
      plan_id: planId,
      description: 'Fictional: attends school every day this half term',
      target_date: addDays(today, 40),
      created_by: users.coordinator,
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      plan_id: planId,
      description: 'Fictional: no missing episodes for eight weeks',
      target_date: addDays(today, 56),
      created_by: users.coordinator,
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      plan_id: planId,
      description: 'Fictional: a trusted adult at the youth club',
      target_date: null,
      status: 'achieved',
      created_by: users.coordinator,
    },
  ]);
  await insertRows(tx, 'plan_review', [
    {
      partnership_id: pid,
      id: randomUUID(),
      plan_id: planId,
      reviewed_on: addDays(today, -7),
      meeting_id: null,
      summary: 'Fictional: attendance improving; youth work sessions continue weekly.',
      recorded_by: users.coordinator,
    },
  ]);
  const action = (title: string, owner: string, ownerUser: string | null, due: number, status: string, extra: Record<string, unknown> = {}) => ({
    partnership_id: pid,
    id: randomUUID(),
    decision_id: null as unknown as string,
    referral_id: null as unknown as string,
    source_kind: 'plan',
    source_id: planId,
    plan_id: planId,
    person_id: personId,
    description: title,
    owner_agency_id: owner,
    owner_user_id: ownerUser,
    owner_name: null,
    due_date: addDays(today, due),
    status,
    status_changed_at: status === 'open' ? null : anchor,
    status_changed_by: status === 'open' ? null : users.coordinator,
    created_by: users.coordinator,
    created_at: new Date(anchor.getTime() - 14 * 86_400_000),
    ...extra,
  });
  await insertRows(tx, 'triage_action', [
    action('Fictional: weekly youth work session', agencyIds.streets, null, 12, 'open'),
    action('Fictional: school attendance report to the hub', agencyIds.school, users.teacher, 3, 'open'),
    action('Fictional: return home interview follow-up visit', agencyIds.csc, users.socialWorker, -5, 'open'),
    action('Fictional: safety plan shared with the family', agencyIds.csc, users.socialWorker, 6, 'in_progress'),
    action('Fictional: referral to sexual health service', agencyIds.health, null, -10, 'done'),
    action('Fictional: disruption letter to the older associate', agencyIds.police, null, 2, 'cancelled', {
      status_reason: 'Fictional: the associate was charged; the police case covers it.',
    }),
    action('Fictional: share the missing-episode timeline', agencyIds.police, null, 4, 'open', { source_kind: 'meeting', source_id: null, plan_id: null }),
  ]);
}
