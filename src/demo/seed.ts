// Loads the fictional demo partnership into an empty database, in one transaction.

import { rebuildQueue, reindexAll } from '../modules/matching/indexing.ts';
import { hashPassword } from '../platform/auth/secrets.ts';
import type { Db } from '../platform/db/connect.ts';
import { ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';
import { seedActionsDemo } from './actions.ts';
import { seedAlertsAndFlagsDemo } from './alerts-flags.ts';
import { seedAllAgesDemo } from './all-ages.ts';
import { seedCaseAuditsDemo } from './case-audits.ts';
import { seedCasesDemo } from './cases.ts';
import { seedChronologyDemo } from './chronology.ts';
import { seedCommitteeDemo } from './committee.ts';
import { seedContextConcernsDemo } from './context-concerns.ts';
import { seedContextsDemo } from './contexts.ts';
import { DEMO_AGENCIES, DEMO_PASSWORD, DEMO_USERS, generateDemo } from './data.ts';
import { seedDeliveryPlanDemo } from './delivery-plan.ts';
import { seedInformationRequestsDemo } from './information-requests.ts';
import { seedIntelligenceDemo } from './intelligence.ts';
import { seedIntelligenceHistoryDemo } from './intelligence-history.ts';
import { seedMeetingsDemo } from './meetings.ts';
import { seedMissingDemo } from './missing.ts';
import { seedNotificationsDemo } from './notifications.ts';
import { seedProgrammesDemo } from './programmes.ts';
import { seedReviewsDemo } from './reviews.ts';
import { seedSharingAgreementsDemo } from './sharing-agreements.ts';
import { seedStandardsDemo } from './standards.ts';
import { findDemoPartnership, insertRows } from './store.ts';
import { seedSupportDemo } from './support.ts';
import { seedTrainingDemo } from './training.ts';
import { seedTriageDemo } from './triage.ts';

export const DEMO_PARTNERSHIP_NAME = 'Northmoor Safeguarding Partnership (fictional demo)';

export async function seedDemo(db: Db, anchor = new Date()): Promise<{ partnershipId: string; created: boolean }> {
  const existing = await findDemoPartnership(db);
  if (existing) return { partnershipId: existing.id, created: false };
  const demo = generateDemo(anchor);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const pid = demo.partnershipId;
  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'partnership', [{ id: pid, name: DEMO_PARTNERSHIP_NAME, is_demo: true }]);
    await insertRows(
      tx,
      'agency',
      DEMO_AGENCIES.map((a) => ({ partnership_id: pid, id: demo.agencyIds[a.key], name: a.name, sector: a.sector })),
    );
    await insertRows(
      tx,
      'app_user',
      DEMO_USERS.map((u, i) => ({
        partnership_id: pid,
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        email: u.email,
        name: u.name,
        role: u.role,
        agency_id: demo.agencyIds[u.agency],
        password_hash: passwordHash,
        mfa_secret: null,
        locked_until: null,
        invite_token_hash: null,
        invite_expires_at: null,
      })),
    );
    const firstSeen = new Map<number, Date>();
    for (const r of demo.referrals) if (!firstSeen.has(r.personIndex)) firstSeen.set(r.personIndex, r.receivedAt);
    await insertRows(
      tx,
      'person',
      demo.persons.map((p, i) => ({
        partnership_id: pid,
        id: p.id,
        given_name: p.givenName,
        family_name: p.familyName,
        date_of_birth: p.dateOfBirth,
        dob_precision: p.dobPrecision,
        sex: p.sex,
        ethnicity: p.ethnicity,
        first_language: p.firstLanguage,
        address: p.address,
        postcode: p.postcode,
        nhs_number: p.nhsNumber,
        police_reference: null,
        la_case_reference: null,
        school_upn: null,
        placed_by_other_la: p.placingAuthority !== null,
        placing_authority: p.placingAuthority,
        created_at: firstSeen.get(i) ?? anchor,
      })),
    );
    const involvement = new Set<string>();
    const counters = new Map<number, number>();
    const referralRows = demo.referrals.map((r) => {
      const year = Number(ukDate(r.receivedAt).slice(0, 4));
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      involvement.add(`${r.personIndex}|${r.agency}`);
      return {
        partnership_id: pid,
        id: r.id,
        reference: `REF-${year}-${String(n).padStart(5, '0')}`,
        person_id: demo.persons[r.personIndex].id,
        received_at: r.receivedAt,
        referring_agency_id: demo.agencyIds[r.agency],
        referrer_name: r.referrerName,
        referrer_role: null,
        referrer_contact: r.referrerContact,
        referrer_user_id: null,
        concerns: r.concerns,
        exploitation_types: r.exploitationTypes,
        indicators: r.indicators,
        consent: r.consent,
        lawful_basis_reason: r.lawfulBasisReason,
        urgency: r.urgency,
        status: r.status,
        created_by: '00000000-0000-4000-8000-000000000002',
        created_at: r.receivedAt,
      };
    });
    await insertRows(tx, 'referral', referralRows);
    await insertRows(
      tx,
      'person_agency',
      [...involvement].map((k) => {
        const [personIndex, agency] = k.split('|');
        return { partnership_id: pid, person_id: demo.persons[Number(personIndex)].id, agency_id: demo.agencyIds[agency] };
      }),
    );
    await insertRows(
      tx,
      'counter',
      [...counters].map(([year, value]) => ({ partnership_id: pid, name: `referral-${year}`, value })),
    );
    await seedMissingDemo(tx, pid, demo.persons, anchor, '00000000-0000-4000-8000-000000000002');
    await seedTriageDemo(
      tx,
      pid,
      demo.referrals.map((r) => ({
        id: r.id,
        personId: demo.persons[r.personIndex].id,
        receivedAt: r.receivedAt,
        status: r.status,
        exploitationTypes: r.exploitationTypes,
        agencyId: demo.agencyIds[r.agency],
      })),
      Object.values(demo.agencyIds),
      ['hub', 'csc', 'police', 'streets'].map((k) => demo.agencyIds[k]),
      '00000000-0000-4000-8000-000000000002',
      anchor,
    );
    await seedIntelligenceDemo(tx, pid, demo.persons, demo.agencyIds, anchor, '00000000-0000-4000-8000-000000000002');
    // Two years of earlier intelligence in every ward and category, with persons of concern and disruption outcomes.
    await seedIntelligenceHistoryDemo(tx, pid, demo.persons, demo.agencyIds, anchor, '00000000-0000-4000-8000-000000000002');
    await seedCasesDemo(
      tx,
      pid,
      demo.agencyIds,
      {
        coordinator: '00000000-0000-4000-8000-000000000002',
        hubMember: '00000000-0000-4000-8000-000000000003',
        socialWorker: '00000000-0000-4000-8000-000000000005',
      },
      anchor,
    );
    // All ages: an adult cuckooing case led by adult social care, and a young person approaching 18.
    await seedAllAgesDemo(
      tx,
      pid,
      demo.agencyIds,
      { coordinator: '00000000-0000-4000-8000-000000000002', socialWorker: '00000000-0000-4000-8000-000000000005' },
      anchor,
    );
    // Information requests, and the referring teacher told their referrals' outcomes.
    await seedInformationRequestsDemo(tx, pid, demo.agencyIds, anchor);
    await seedTrainingDemo(tx, pid, anchor);
    // Notifications read and unread, a digest user, one e-mail trigger turned off.
    await seedNotificationsDemo(tx, pid, anchor);
    // The action tracker in every state and a multi-agency plan with goals.
    await seedActionsDemo(
      tx,
      pid,
      demo.agencyIds,
      {
        coordinator: '00000000-0000-4000-8000-000000000002',
        socialWorker: '00000000-0000-4000-8000-000000000005',
        teacher: '00000000-0000-4000-8000-000000000004',
        manager: '00000000-0000-4000-8000-000000000007',
      },
      anchor,
    );
    // Held and upcoming meetings of each type (MACE, Panel, ODG, Subgroup).
    await seedMeetingsDemo(
      tx,
      pid,
      demo.agencyIds,
      { coordinator: '00000000-0000-4000-8000-000000000002', socialWorker: '00000000-0000-4000-8000-000000000005' },
      anchor,
    );
    // A scrutiny review with recommendations in every status, and a mock JTAI.
    await seedReviewsDemo(tx, pid, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // A scrutiny panel meeting: questions answered, a resolution promising quarterly return home interview reports.
    await seedCommitteeDemo(tx, pid, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // A mock JTAI case audit template and one completed round: six cases, three agencies' answers, two findings, an action.
    await seedCaseAuditsDemo(
      tx,
      pid,
      demo.agencyIds,
      {
        coordinator: '00000000-0000-4000-8000-000000000002',
        manager: '00000000-0000-4000-8000-000000000007',
        hubMember: '00000000-0000-4000-8000-000000000003',
      },
      anchor,
    );
    // The "See Me, Hear Me" standards framework mid-cycle: 1-6 self-assessed (one with a tracker action), 7-9 due now.
    await seedStandardsDemo(tx, pid, demo.agencyIds, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // The partnership's delivery plan 2026-27: four priorities, ten actions in every status and RAG, two overdue.
    await seedDeliveryPlanDemo(tx, pid, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // Data sharing agreements: one in force, one overdue for review, and an agency with none behind its access.
    await seedSharingAgreementsDemo(tx, pid, demo.agencyIds, ukDate(anchor));
    // Support services (one full) and onward referrals of children with open cases, one in each state.
    await seedSupportDemo(tx, pid, demo.agencyIds, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // Contexts: the intelligence demo's park, peer group and takeaway opened as contexts, assessed, children linked.
    await seedContextsDemo(tx, pid, demo.persons, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // Three agencies' recent intelligence about the peer group at the recreation ground: an alert about each context.
    await seedContextConcernsDemo(tx, pid, demo.agencyIds, { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' }, anchor);
    // The Demo Pilot Team: medium-risk children allocated to the social worker, with outcome stars recorded twice.
    await seedProgrammesDemo(
      tx,
      pid,
      { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Demo-Coordinator' },
      { id: '00000000-0000-4000-8000-000000000005', name: 'Pat Demo-Socialworker' },
      anchor,
    );
    // The domain events of the bulk-loaded history, so each child's chronology tells it.
    await seedChronologyDemo(tx, pid);
    // Cumulative concern alerts from the last 90 days' history, and one child flagged for partner systems.
    await seedAlertsAndFlagsDemo(tx, pid, '00000000-0000-4000-8000-000000000002', anchor);
    // Blocking keys so the referral form finds demo people, and the hub's suspected-duplicates queue.
    await reindexAll(tx, pid);
    await rebuildQueue(tx, pid);
    await recordChange(tx, pid, { id: null, label: 'jigsaw demo' }, 'demo.seeded', {
      type: 'partnership',
      id: pid,
      details: { people: demo.persons.length, referrals: demo.referrals.length },
    });
  });
  return { partnershipId: pid, created: true };
}
