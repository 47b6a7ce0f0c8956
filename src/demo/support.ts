// Fictional demo support services for Northmoor and onward referrals of children with open cases, one in each
// state (sent, accepted, declined, started, ended), with their domain events so the chronology tells them. The
// specialist service is at its capacity so the directory shows a full service. All made up.
import { randomUUID } from 'node:crypto';
import { insertReferral, insertService } from '../modules/support/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';
import { peopleWithOpenCases } from './store.ts';

const SERVICES = [
  {
    key: 'x',
    name: 'Project Demo-X (fictional)',
    agency: 'streets',
    type: 'specialist_cse_cce',
    capacity: 3,
    eligibility: 'Children at medium or high risk of exploitation',
    ageFrom: 10,
    ageTo: 18,
  },
  {
    key: 'teams',
    name: 'Northmoor Street Teams (fictional)',
    agency: 'streets',
    type: 'youth_work',
    capacity: null,
    eligibility: 'Young people seen on detached work',
    ageFrom: 11,
    ageTo: 25,
  },
  {
    key: 'counselling',
    name: 'Moor Lane Counselling (fictional)',
    agency: 'health',
    type: 'counselling',
    capacity: 12,
    eligibility: null,
    ageFrom: 8,
    ageTo: 18,
  },
  {
    key: 'camhs',
    name: 'Northmoor CAMHS (fictional)',
    agency: 'health',
    type: 'camhs',
    capacity: null,
    eligibility: 'Referral by a GP, school or social worker',
    ageFrom: null,
    ageTo: 18,
  },
] as const;

type Step = { status: 'sent' | 'accepted' | 'declined' | 'started' | 'ended'; sentAgo: number; service: (typeof SERVICES)[number]['key'] };
// Three places of Project Demo-X in use (accepted or started): full.
const REFERRALS: Step[] = [
  { service: 'x', status: 'started', sentAgo: 40 },
  { service: 'x', status: 'started', sentAgo: 25 },
  { service: 'x', status: 'accepted', sentAgo: 6 },
  { service: 'counselling', status: 'ended', sentAgo: 120 },
  { service: 'counselling', status: 'sent', sentAgo: 2 },
  { service: 'camhs', status: 'declined', sentAgo: 30 },
  { service: 'teams', status: 'started', sentAgo: 15 },
];

export async function seedSupportDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  coordinator: { id: string; name: string },
  anchor: Date,
): Promise<void> {
  const today = ukDate(anchor);
  const ids = new Map<string, { id: string; name: string }>();
  for (const s of SERVICES) {
    const id = randomUUID();
    ids.set(s.key, { id, name: s.name });
    await insertService(tx, {
      partnership_id: pid,
      id,
      name: s.name,
      provider_agency_id: agencyIds[s.agency],
      type: s.type,
      eligibility: s.eligibility,
      age_from: s.ageFrom,
      age_to: s.ageTo,
      capacity: s.capacity,
      contact_name: 'Duty worker (fictional)',
      contact_phone: '01632 960000',
      contact_email: `${s.key}@example.org`,
    });
  }
  const children = await peopleWithOpenCases(tx, pid, REFERRALS.length);
  const who = { id: coordinator.id, label: coordinator.name };
  for (const [i, r] of REFERRALS.entries()) {
    const personId = children[i]?.person_id;
    if (!personId) break;
    const service = ids.get(r.service)!;
    const sentOn = addDays(today, -r.sentAgo);
    const decidedOn = r.status === 'sent' ? null : addDays(sentOn, 2);
    const startedOn = ['started', 'ended'].includes(r.status) ? addDays(sentOn, 7) : null;
    const endedOn = r.status === 'ended' ? addDays(sentOn, 90) : null;
    const id = randomUUID();
    await insertReferral(tx, {
      partnership_id: pid,
      id,
      service_id: service.id,
      person_id: personId,
      status: r.status,
      reason: 'Fictional: needs one-to-one work on exploitation and healthy relationships',
      sent_on: sentOn,
      sent_by: coordinator.id,
      decided_on: decidedOn,
      decision_reason: r.status === 'declined' ? 'Fictional: the child already has a CAMHS worker in another area' : null,
      started_on: startedOn,
      ended_on: endedOn,
      outcome: endedOn ? 'engaged_completed' : null,
      outcome_note: null,
    });
    const event = (name: string, on: string, details: Record<string, unknown>) =>
      recordChange(tx, pid, who, name, { type: 'support_referral', id, personId, details: { service: service.name, ...details } }, new Date(`${on}T10:00:00Z`));
    await event('support_referral.sent', sentOn, { status: 'sent' });
    if (decidedOn)
      await event('support_referral.decided', decidedOn, {
        status: r.status === 'declined' ? 'declined' : 'accepted',
        reason: r.status === 'declined' ? 'Fictional: the child already has a CAMHS worker in another area' : null,
      });
    if (startedOn) await event('support_referral.started', startedOn, { status: 'started', waitingDays: 7 });
    if (endedOn) await event('support_referral.ended', endedOn, { status: 'ended', outcome: 'engaged_completed', outcomeLabel: 'Engaged and completed' });
  }
}
