// SQL of the report builder: one GROUP BY query per report (grouping sets give the cells, the first two dimensions'
// totals and the grand total in the same statement, so distinct children are distinct in every total), and the
// saved reports and referrer groups. Expressions are fixed in code; only ids, dates and filter values are parameters.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/connect.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import { type Dimension, isPeriodDimension, type Measure, NO_GROUP, NOT_RECORDED, NOT_TRIAGED, periodsBetween, type ReportSpec } from './domain.ts';

/** The first day of each period of the report, in order. */
function periodStarts(d: 'month' | 'quarter' | 'year', spec: ReportSpec): string[] {
  return periodsBetween(d, spec.from, spec.to).map((k) =>
    d === 'year' ? `${k}-01-01` : d === 'quarter' ? `${k.slice(0, 4)}-${String(Number(k.slice(6)) * 3 - 2).padStart(2, '0')}-01` : `${k}-01`,
  );
}

interface Source {
  /** The table the measure counts, aliased. */
  from: string;
  /** The column that puts a record in the period, and whether it is a timestamp (UK days) or a date. */
  at: string;
  timestamp: boolean;
  /** Alias.column of the person, the referral (for referrer dimensions) and the ward, where there is one. */
  person?: string;
  referral?: string;
  ward?: string;
  extraJoin?: string;
  where?: string;
  expr: Partial<Record<Dimension, string>>;
}

const MISSING_EXPR = {
  looked_after: "case when m.looked_after then 'yes' else 'no' end",
  placed_by_other_authority: "case when m.placed_by_other_la then 'yes' else 'no' end",
  classification: 'm.classification',
};
const missing = (at: string): Source => ({
  from: 'missing_episode m',
  at,
  timestamp: true,
  person: 'm.person_id',
  where: at === 'm.reported_at' ? undefined : `${at} is not null`,
  expr: MISSING_EXPR,
});

const SOURCES: Record<Measure, Source> = {
  referrals: {
    from: 'referral r',
    at: 'r.received_at',
    timestamp: true,
    person: 'r.person_id',
    referral: 'r',
    expr: { risk_level: `coalesce(r.triage_outcome, '${NOT_TRIAGED}')`, category: `coalesce(r.triage_category, '${NOT_TRIAGED}')` },
  },
  children: {
    from: 'referral r',
    at: 'r.received_at',
    timestamp: true,
    person: 'r.person_id',
    referral: 'r',
    expr: { risk_level: `coalesce(r.triage_outcome, '${NOT_TRIAGED}')`, category: `coalesce(r.triage_category, '${NOT_TRIAGED}')` },
  },
  triage_decisions: {
    from: 'triage_decision td',
    at: 'td.decided_at',
    timestamp: true,
    person: 'r.person_id',
    referral: 'r',
    extraJoin: 'join referral r on r.partnership_id = td.partnership_id and r.id = td.referral_id',
    expr: { risk_level: 'td.outcome', category: 'td.category' },
  },
  missing_episodes: missing('m.reported_at'),
  returns: missing('m.returned_at'),
  interviews: missing('m.rhi_completed_at'),
  contexts: { from: 'context x', at: 'x.opened_at', timestamp: true, ward: 'x.ward', expr: {} },
  disruptions: {
    from: 'disruption_activity d',
    at: 'd.started_on',
    timestamp: false,
    ward: 'e.ward',
    extraJoin: 'join intel_entity e on e.partnership_id = d.partnership_id and e.id = d.target_entity_id',
    expr: {},
  },
  support_referrals: { from: 'support_referral s', at: 's.sent_on', timestamp: false, person: 's.person_id', expr: {} },
};

/**
 * The SQL expression of a dimension for a measure, and the joins it needs. A period is the bucket of the record's
 * time among the periods' starts (width_bucket, a binary search: far cheaper per row than converting each time to
 * UK local time); runReport turns bucket numbers back into period keys.
 */
function expression(src: Source, d: Dimension, spec: ReportSpec): { expr: string; joins: string[] } {
  const day = src.timestamp ? `(${src.at} at time zone 'Europe/London')` : src.at;
  if (isPeriodDimension(d)) {
    const starts = periodStarts(d, spec).map((p) => (src.timestamp ? ukDayStart(p).toISOString() : p));
    // Generated here from checked dates (YYYY-MM-DD or ISO instants), never from input text: safe to inline.
    return { expr: `width_bucket(${src.at}, array['${starts.join("','")}']::${src.timestamp ? 'timestamptz' : 'date'}[])::text`, joins: [] };
  }
  const own = src.expr[d];
  if (own) return { expr: own, joins: [] };
  const personJoin = `join person p on p.partnership_id = ${src.from.split(' ')[1]}.partnership_id and p.id = ${src.person}`;
  switch (d) {
    case 'sex':
      return { expr: "coalesce(p.sex, 'unknown')", joins: [personJoin] };
    case 'placed_by_other_authority':
      return { expr: "case when p.placed_by_other_la then 'yes' else 'no' end", joins: [personJoin] };
    case 'ethnicity_group':
      return {
        expr: `case when p.ethnicity is null then 'unknown' when p.ethnicity = 'not_stated' then 'not_stated'
          when split_part(p.ethnicity, '_', 1) in ('asian','black','mixed','white','other') then split_part(p.ethnicity, '_', 1) else 'unknown' end`,
        joins: [personJoin],
      };
    case 'age_band': {
      const age = `extract(year from age((${day})::date, p.date_of_birth))`;
      return {
        expr: `case when p.date_of_birth is null or ${age} < 0 then 'unknown' when ${age} <= 9 then '0-9' when ${age} <= 13 then '10-13'
          when ${age} <= 15 then '14-15' when ${age} <= 17 then '16-17' when ${age} <= 24 then '18-24' else '25+' end`,
        joins: [personJoin],
      };
    }
    case 'ward': {
      if (src.ward) return { expr: `coalesce(nullif(trim(${src.ward}), ''), '${NOT_RECORDED}')`, joins: [] };
      const alias = src.from.split(' ')[1];
      return {
        expr: `coalesce(nullif(trim(c.ward), ''), '${NOT_RECORDED}')`,
        joins: [`left join exploitation_case c on c.partnership_id = ${alias}.partnership_id and c.person_id = ${src.person}`],
      };
    }
    case 'referrer_agency':
      return { expr: 'r.referring_agency_id::text', joins: [] };
    case 'referrer_sector':
      return { expr: 'a.sector', joins: ['join agency a on a.partnership_id = r.partnership_id and a.id = r.referring_agency_id'] };
    case 'referrer_group':
      return {
        expr: `coalesce(g.group_id::text, '${NO_GROUP}')`,
        joins: ['left join referrer_group_agency g on g.partnership_id = r.partnership_id and g.agency_id = r.referring_agency_id'],
      };
    default:
      throw new Error(`No expression for ${d}`); // unreachable: specErrors refuses a dimension the measure lacks
  }
}

export interface RawReport {
  /** Every non-empty combination of the dimensions' values with its count. */
  cells: { keys: string[]; n: number }[];
  /** Totals by the first dimension's values and by the second's (two or more dimensions), and the grand total. */
  first: Map<string, number>;
  second: Map<string, number>;
  total: number;
}

/** Runs a checked specification: one statement. */
export async function runReport(db: Db, partnershipId: string, spec: ReportSpec): Promise<RawReport> {
  const src = SOURCES[spec.measure];
  const alias = src.from.split(' ')[1];
  const joins = new Set<string>(src.extraJoin ? [src.extraJoin] : []);
  const dims = spec.dimensions.map((d) => expression(src, d, spec));
  const filters = Object.entries(spec.filters ?? {}).map(([d, values]) => ({ ...expression(src, d as Dimension, spec), values: values as string[] }));
  for (const e of [...dims, ...filters]) for (const j of e.joins) joins.add(j);
  // Inner joins before left joins (a left join may name an inner join's alias).
  const joinSql = [...joins].sort((a, b) => Number(a.startsWith('left')) - Number(b.startsWith('left'))).join('\n');
  const range = src.timestamp
    ? sql`${sql.raw(src.at)} >= ${ukDayStart(spec.from)} and ${sql.raw(src.at)} < ${ukDayStart(addDays(spec.to, 1))}`
    : sql`${sql.raw(src.at)} >= ${spec.from}::date and ${sql.raw(src.at)} <= ${spec.to}::date`;
  const filterSql = filters.map((f) => sql` and (${sql.raw(f.expr)}) in (${sql.join(f.values)})`);
  const counted = spec.measure === 'children' ? 'count(distinct pid)::int' : 'count(*)::int';
  const cols = dims.map((d, i) => sql.raw(`${d.expr} as d${i}`));
  const names = dims.map((_, i) => `d${i}`);
  const inner = sql`select ${sql.join([...cols, sql.raw(`${src.person ?? 'null::uuid'} as pid`)])}
    from ${sql.raw(src.from)} ${sql.raw(joinSql)}
    where ${sql.raw(alias)}.partnership_id = ${partnershipId} and ${range}${src.where ? sql.raw(` and ${src.where}`) : sql``}${sql.join(filterSql, sql``)}`;
  const n = names.length;
  let query: RawBuilder<Record<string, unknown>>;
  // Distinct children: grouping sets, so that every total is distinct too. Other measures: a plain GROUP BY (which
  // PostgreSQL can run in parallel), their totals being sums of the cells.
  const distinct = spec.measure === 'children';
  if (n === 0) query = sql`select ${sql.raw(counted)} as n, 0 as g from (${inner}) t`;
  else if (distinct) {
    const sets = [`(${names.join(', ')})`, ...(n >= 2 ? ['(d0)', '(d1)'] : []), '()'];
    query = sql`select ${sql.raw(names.join(', '))}, ${sql.raw(counted)} as n, grouping(${sql.raw(names.join(', '))})::int as g
      from (${inner}) t group by grouping sets (${sql.raw(sets.join(', '))})`;
  } else query = sql`select ${sql.raw(names.join(', '))}, ${sql.raw(counted)} as n, 0 as g from (${inner}) t group by ${sql.raw(names.join(', '))}`;
  const rows = (await query.execute(db)).rows as Record<string, unknown>[];
  // Bucket numbers back to period keys (bucket i is the i-th period; 0 would be before the first, never in range).
  const periods = spec.dimensions.map((d) => (isPeriodDimension(d) ? periodsBetween(d, spec.from, spec.to) : null));
  for (const row of rows)
    periods.forEach((keys, i) => {
      if (keys && row[`d${i}`] !== null) row[`d${i}`] = keys[Number(row[`d${i}`]) - 1];
    });
  const all = (1 << n) - 1;
  const onlyFirst = all - (1 << (n - 1));
  const onlySecond = all - (1 << (n - 2));
  const out: RawReport = { cells: [], first: new Map(), second: new Map(), total: 0 };
  for (const row of rows) {
    const g = Number(row.g);
    const count = Number(row.n);
    if (g === all) out.total = count;
    else if (g === 0) out.cells.push({ keys: names.map((k) => String(row[k])), n: count });
    else if (n >= 2 && g === onlyFirst) out.first.set(String(row.d0), count);
    else if (n >= 2 && g === onlySecond) out.second.set(String(row.d1), count);
  }
  if (!distinct && n > 0) {
    for (const c of out.cells) {
      out.total += c.n;
      out.first.set(c.keys[0], (out.first.get(c.keys[0]) ?? 0) + c.n);
      if (n >= 2) out.second.set(c.keys[1], (out.second.get(c.keys[1]) ?? 0) + c.n);
    }
  } else if (n === 1) for (const c of out.cells) out.first.set(c.keys[0], c.n);
  return out;
}

/** Names of the partnership's agencies and referrer groups, for the open dimensions' labels. */
export async function labels(db: Db, partnershipId: string): Promise<{ agencies: Map<string, string>; groups: Map<string, string> }> {
  const [agencies, groups] = await Promise.all([
    sql<{ id: string; name: string }>`select id::text, name from agency where partnership_id = ${partnershipId}`.execute(db),
    sql<{ id: string; name: string }>`select id::text, name from referrer_group where partnership_id = ${partnershipId}`.execute(db),
  ]);
  return { agencies: new Map(agencies.rows.map((r) => [r.id, r.name])), groups: new Map(groups.rows.map((r) => [r.id, r.name])) };
}

// ---- saved reports ----

export interface SavedReportRow {
  id: string;
  name: string;
  title: string;
  spec: ReportSpec;
  created_by: string;
  updated_at: Date;
}

export async function findSavedReport(db: Db, partnershipId: string, name: string): Promise<SavedReportRow | undefined> {
  const r = await sql<SavedReportRow>`select id::text, name, title, spec, created_by::text, updated_at from saved_report
    where partnership_id = ${partnershipId} and name = ${name}`.execute(db);
  return r.rows[0];
}

export async function listSavedReports(db: Db, partnershipId: string): Promise<SavedReportRow[]> {
  const r = await sql<SavedReportRow>`select id::text, name, title, spec, created_by::text, updated_at from saved_report
    where partnership_id = ${partnershipId} order by lower(title), name`.execute(db);
  return r.rows;
}

/** Inserts, or (the same name) replaces the title and specification; the row as it stands after. */
export async function upsertSavedReport(db: Db, partnershipId: string, row: { id: string; name: string; title: string; spec: ReportSpec; by: string }) {
  await sql`insert into saved_report (partnership_id, id, name, title, spec, created_by)
    values (${partnershipId}, ${row.id}, ${row.name}, ${row.title}, ${JSON.stringify(row.spec)}::jsonb, ${row.by})
    on conflict (partnership_id, name) do update set title = excluded.title, spec = excluded.spec, updated_at = now()`.execute(db);
  return (await findSavedReport(db, partnershipId, row.name)) as SavedReportRow;
}

// ---- referrer groups ----

export interface ReferrerGroupRow {
  id: string;
  name: string;
  agency_ids: string[];
}

export async function listReferrerGroups(db: Db, partnershipId: string): Promise<ReferrerGroupRow[]> {
  const r = await sql<ReferrerGroupRow>`select g.id::text, g.name,
      coalesce(array_agg(m.agency_id::text order by m.agency_id) filter (where m.agency_id is not null), '{}') as agency_ids
    from referrer_group g left join referrer_group_agency m on m.partnership_id = g.partnership_id and m.group_id = g.id
    where g.partnership_id = ${partnershipId} group by g.id, g.name order by lower(g.name)`.execute(db);
  return r.rows;
}

export async function findReferrerGroupByName(db: Db, partnershipId: string, name: string): Promise<{ id: string } | undefined> {
  const r = await sql<{ id: string }>`select id::text from referrer_group where partnership_id = ${partnershipId} and lower(name) = lower(${name})`.execute(db);
  return r.rows[0];
}

/** The group with exactly these agencies: an agency moves here from any other group (one group per agency). */
export async function saveReferrerGroup(db: Db, partnershipId: string, g: { id: string; name: string; agencyIds: string[]; isNew: boolean }) {
  if (g.isNew) await sql`insert into referrer_group (partnership_id, id, name) values (${partnershipId}, ${g.id}, ${g.name})`.execute(db);
  else await sql`update referrer_group set name = ${g.name}, updated_at = now() where partnership_id = ${partnershipId} and id = ${g.id}`.execute(db);
  await sql`delete from referrer_group_agency where partnership_id = ${partnershipId} and group_id = ${g.id}`.execute(db);
  if (g.agencyIds.length) {
    await sql`delete from referrer_group_agency where partnership_id = ${partnershipId} and agency_id in (${sql.join(g.agencyIds)})`.execute(db);
    await sql`insert into referrer_group_agency (partnership_id, agency_id, group_id)
      select ${partnershipId}, a.id, ${g.id} from agency a where a.partnership_id = ${partnershipId} and a.id::text in (${sql.join(g.agencyIds)})`.execute(db);
  }
}

export async function agencyIds(db: Db, partnershipId: string): Promise<Set<string>> {
  const r = await sql<{ id: string }>`select id::text from agency where partnership_id = ${partnershipId}`.execute(db);
  return new Set(r.rows.map((x) => x.id));
}
