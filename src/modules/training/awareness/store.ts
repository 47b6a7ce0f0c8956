// Awareness SQL: campaigns, sessions (date, audience, organisation, numbers reached, language) and evaluation
// responses (before and after ratings of knowledge and skills).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/connect.ts';

export const campaigns = (db: Db, partnershipId: string) =>
  db.selectFrom('training_campaign').selectAll().where('partnership_id', '=', partnershipId).orderBy('starts_on', 'desc').orderBy('name').execute();

export const findCampaign = (db: Db, partnershipId: string, id: string) =>
  db.selectFrom('training_campaign').selectAll().where('partnership_id', '=', partnershipId).where('id', '=', id).executeTakeFirst();

export async function insertCampaign(
  db: Db,
  partnershipId: string,
  c: { name: string; description: string | null; languages: string[]; startsOn: string | null; endsOn: string | null },
) {
  const id = randomUUID();
  await db
    .insertInto('training_campaign')
    .values({ partnership_id: partnershipId, id, name: c.name, description: c.description, languages: c.languages, starts_on: c.startsOn, ends_on: c.endsOn })
    .execute();
  return id;
}

export const campaignNamed = (db: Db, partnershipId: string, name: string) =>
  db
    .selectFrom('training_campaign')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

/** Sessions, newest first, with their organisation, campaign and evaluation counts. */
export async function sessions(db: Db, partnershipId: string, filter: { campaignId?: string; id?: string; from?: string; to?: string } = {}) {
  const r = await sql<{
    id: string;
    held_on: string;
    title: string;
    audience: string;
    reached: number;
    language: string;
    org_id: string | null;
    org_name: string | null;
    campaign_id: string | null;
    campaign_name: string | null;
    responses: number;
    improved: number;
  }>`
    select s.id, s.held_on::text as held_on, s.title, s.audience, s.reached, s.language, s.org_id, o.name as org_name, s.campaign_id, c.name as campaign_name,
      coalesce(e.responses, 0)::integer as responses, coalesce(e.improved, 0)::integer as improved
    from training_session s
    left join training_org o on o.partnership_id = s.partnership_id and o.id = s.org_id
    left join training_campaign c on c.partnership_id = s.partnership_id and c.id = s.campaign_id
    left join (select session_id, count(*) as responses, count(*) filter (where after_score > before_score) as improved
               from training_evaluation where partnership_id = ${partnershipId} and session_id is not null group by session_id) e on e.session_id = s.id
    where s.partnership_id = ${partnershipId}
      ${filter.campaignId ? sql`and s.campaign_id = ${filter.campaignId}` : sql``}
      ${filter.id ? sql`and s.id = ${filter.id}` : sql``}
      ${filter.from ? sql`and s.held_on >= ${filter.from}` : sql``}
      ${filter.to ? sql`and s.held_on <= ${filter.to}` : sql``}
    order by s.held_on desc, s.title`.execute(db);
  return r.rows;
}
export type SessionRow = Awaited<ReturnType<typeof sessions>>[number];

export async function insertSessions(
  db: Db,
  partnershipId: string,
  rows: { heldOn: string; title: string; audience: string; orgId: string | null; campaignId: string | null; reached: number; language: string }[],
) {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map((s) => {
      const id = randomUUID();
      ids.push(id);
      return {
        partnership_id: partnershipId,
        id,
        held_on: s.heldOn,
        title: s.title,
        audience: s.audience,
        org_id: s.orgId,
        campaign_id: s.campaignId,
        reached: s.reached,
        language: s.language,
      };
    });
    await db.insertInto('training_session').values(values).execute();
  }
  return ids;
}

export async function insertEvaluations(
  db: Db,
  partnershipId: string,
  target: { sessionId: string | null; courseId: string | null },
  responses: { before: number; after: number }[],
) {
  for (let i = 0; i < responses.length; i += 2000) {
    await db
      .insertInto('training_evaluation')
      .values(
        responses.slice(i, i + 2000).map((r) => ({
          partnership_id: partnershipId,
          id: randomUUID(),
          session_id: target.sessionId,
          course_id: target.courseId,
          before_score: r.before,
          after_score: r.after,
        })),
      )
      .execute();
  }
}

/** Reached by audience, and evaluation responses, for sessions held in the period. */
export async function reachByAudience(db: Db, partnershipId: string, from: string, to: string) {
  const r = await sql<{ audience: string; sessions: number; reached: number }>`
    select audience, count(*)::integer as sessions, coalesce(sum(reached), 0)::integer as reached from training_session
    where partnership_id = ${partnershipId} and held_on between ${from} and ${to} group by audience`.execute(db);
  return r.rows;
}

export async function evaluationTotals(db: Db, partnershipId: string, from: string, to: string) {
  const r = await sql<{ responses: number; improved: number }>`
    select count(*)::integer as responses, (count(*) filter (where e.after_score > e.before_score))::integer as improved
    from training_evaluation e left join training_session s on s.partnership_id = e.partnership_id and s.id = e.session_id
    where e.partnership_id = ${partnershipId} and (s.id is null or s.held_on between ${from} and ${to})`.execute(db);
  return r.rows[0] ?? { responses: 0, improved: 0 };
}

/** The register of organisations to reach, counted by kind and status. */
export async function registerCounts(db: Db, partnershipId: string) {
  const r = await sql<{ kind: string; reach_status: string; n: number }>`
    select kind, reach_status, count(*)::integer as n from training_org
    where partnership_id = ${partnershipId} and reach_status is not null group by kind, reach_status`.execute(db);
  return r.rows;
}
