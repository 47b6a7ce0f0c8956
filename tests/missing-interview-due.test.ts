// Issue 12 point 6: the "return home interview due within 24 hours" reminder. The sweep writes
// `return_interview.due` once per episode whose 72-hour deadline is within 24 hours and has no interview completed
// or declined; the hub is notified; running it again writes nothing; only the scheduler's role may run it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { remindInterviewsDue, sweepInterviewsDue } from '../src/modules/missing/due/reminders/sweep.ts';
import { api, referralBody, type World, world } from './fixtures.ts';

let w: World;
let childId: string;
const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

before(async () => {
  w = await world();
  childId = (await api(w, 'practitioner', 'POST', '/api/v1/referrals', referralBody())).json().personId;
});
after(async () => {
  await w?.close();
});

const episode = async (reportedHoursAgo: number, returnedHoursAgo: number) => {
  const res = await api(w, 'missing_coordinator', 'POST', '/api/v1/missing-episodes', {
    personId: childId,
    classification: 'missing',
    riskGrade: 'medium',
    reportedAt: ago(reportedHoursAgo),
    returnedAt: ago(returnedHoursAgo),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
};
const reminders = async () =>
  w.database.db
    .selectFrom('audit_event')
    .select(['resource_id', 'person_id', 'details'])
    .where('partnership_id', '=', w.partnershipId)
    .where('action', '=', 'return_interview.due')
    .execute();

test('an interview due within 24 hours is reminded once; not yet due, overdue and completed ones are not', async () => {
  const dueSoon = await episode(60, 50); // deadline in 22 hours
  const notYet = await episode(40, 30); // deadline in 42 hours
  await episode(90, 80); // deadline passed 8 hours ago: overdue, on the due list already
  const done = await episode(60, 55);
  const interview = await api(w, 'missing_coordinator', 'PUT', `/api/v1/missing-episodes/${done}/return-interview`, {
    status: 'completed',
    offeredAt: ago(54),
    offeredBy: 'Fictional interviewer',
    completedAt: ago(53),
    completedBy: 'Fictional interviewer',
  });
  assert.equal(interview.statusCode, 200, interview.body);

  assert.equal(await sweepInterviewsDue(w.svc, w.partnershipId), 1);
  assert.equal(await sweepInterviewsDue(w.svc, w.partnershipId), 0, 'a second sweep writes nothing');
  const [r, ...rest] = await reminders();
  assert.equal(rest.length, 0);
  assert.equal(r.resource_id, dueSoon);
  assert.equal(r.person_id, childId);
  const dueBy = new Date((r.details as { dueBy: string }).dueBy).getTime();
  assert.ok(Math.abs(dueBy - (Date.now() + 22 * 3_600_000)) < 60_000, 'due by the return plus 72 hours');

  // The hub hears of it in Notifications, with a link to the child's missing records.
  const list = (await api(w, 'hub_member', 'GET', '/api/v1/notifications')).json() as { items: { kind: string; link: string }[] };
  const n = list.items.filter((i) => i.kind === 'interview_due');
  assert.equal(n.length, 1, JSON.stringify(list.items));
  assert.equal(n[0].link, `/people/${childId}/missing`);

  // Later (the return moved back, as if 20 hours had passed): the other episode is reminded, the first not again.
  await w.database.db
    .updateTable('missing_episode')
    .set({ returned_at: new Date(ago(50)), reported_at: new Date(ago(60)) })
    .where('id', '=', notYet)
    .execute();
  assert.equal(await sweepInterviewsDue(w.svc, w.partnershipId), 1);
  assert.deepEqual((await reminders()).map((x) => x.resource_id).sort(), [dueSoon, notYet].sort());
});

test('only a role that may update missing records runs the reminder; others are refused', async () => {
  const actor = (role: 'scrutiny_member' | 'hub_coordinator') => ({
    userId: w.users[role].id,
    partnershipId: w.partnershipId,
    agencyId: w.users[role].agencyId,
    role,
    name: `Test ${role}`,
    email: w.users[role].email,
    via: 'session' as const,
  });
  await assert.rejects(w.svc.run(remindInterviewsDue, actor('scrutiny_member'), undefined), (e: { status?: number }) => e.status === 403);
  assert.deepEqual(await w.svc.run(remindInterviewsDue, actor('hub_coordinator'), undefined), [], 'allowed: nothing new to remind');
});
