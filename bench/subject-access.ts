// Benchmark: a subject access export (the release copy, JSON and HTML) for one fictional child with 500 chronology
// entries (referrals, each with its domain event), among other children. PGlite in memory, or PostgreSQL when
// JIGSAW_TEST_DATABASE_URL is set. Run: npx tsx bench/subject-access.ts [entries]
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { exportHtml } from '../src/modules/subject-access/domain.ts';
import { previewSubjectAccess, releaseSubjectAccess } from '../src/modules/subject-access/use-cases.ts';
import { systemActor } from '../src/platform/access/actor.ts';
import { api, referralBody, world } from '../tests/fixtures.ts';
import { time } from './lib.ts';

const ENTRIES = Number(process.argv[2] ?? 500);
const w = await world();
const t0 = performance.now();
const first = await api(w, 'hub_coordinator', 'POST', '/api/v1/referrals', referralBody());
const personId = first.json().personId as string;
// The rest of the child's referrals written directly (the API would take minutes): same columns, fictional text.
await sql`
  insert into referral (partnership_id, id, reference, person_id, received_at, referring_agency_id, referrer_name, referrer_contact,
    concerns, consent, urgency, created_by)
  select ${w.partnershipId}, gen_random_uuid(), 'BENCH-' || n, ${personId}, now() - (n || ' hours')::interval, ${w.agencies.school},
    'Bench Referrer ' || n, '01632 960' || lpad(n::text, 3, '0'), 'Fictional bench concern number ' || n || ': seen with older adults.',
    'given', 'routine', ${w.users.hub_coordinator.id}
  from generate_series(2, ${ENTRIES}) n`.execute(w.database.db);
await sql`
  insert into domain_event (partnership_id, id, name, subject_type, subject_id, person_id, actor_label, at)
  select r.partnership_id, gen_random_uuid(), 'referral.created', 'referral', r.id::text, r.person_id, 'bench', r.received_at
  from referral r where r.partnership_id = ${w.partnershipId} and r.reference like 'BENCH-%'`
  .execute(w.database.db)
  .catch((e) => console.log(`(domain events not generated: ${(e as Error).message})`));
console.log(`child with ${ENTRIES} referrals set up in ${(performance.now() - t0).toFixed(0)} ms (${w.database.kind})`);

const ig = { ...systemActor(w.partnershipId), role: 'information_governance' as const };
await time(`review copy (${ENTRIES} entries)`, 5, () => w.svc.run(previewSubjectAccess, ig, { personId }));
const { result } = await time(`release copy, JSON, logged (${ENTRIES} entries)`, 5, async () => {
  const r = (await w.svc.run(releaseSubjectAccess, ig, { personId, releasedTo: 'Bench recipient', format: 'json' })) as {
    export: Parameters<typeof exportHtml>[0];
  };
  return JSON.stringify(r.export);
});
const release = JSON.parse(result);
await time('HTML rendering of the release copy', 5, async () => exportHtml(release));
console.log(`release copy: ${release.sections.length} sections, ${release.redactions} redactions, ${(result.length / 1024).toFixed(0)} KiB JSON`);
await w.close();
