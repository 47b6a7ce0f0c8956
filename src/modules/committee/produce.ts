// A resolution's promised reports: read a resolution with the reports produced for it, read one report, produce
// the latest ended period's report now, and the sweep's use case that produces every report due (catching up on
// missed periods, oldest first). The figures are Jigsaw's own (reports/figures.ts), kept exact as produced; readers
// who may not see exact counts get them published.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, Problem } from '../../platform/http/problems.ts';
import { formatDate, ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import { headlineFigures, isReportKind } from '../reports/figures.ts';
import { type Cadence, dueOn, latestEndedPeriod, nextDueOn, type Period, periodFrom, periodLabel, periodsToProduce } from './domain.ts';
import { Ref } from './schemas.ts';
import * as store from './store.ts';
import { NO_PERSON } from './use-cases.ts';
import { type ReportView, reportView, resolutionView } from './view.ts';

type ResolutionRow = store.ResolutionRow;

interface Produced {
  reportId: string;
  resolutionId: string;
  number: number;
  kind: string;
  from: string;
  to: string;
  /** Who produced it: the scheduler when due, or a person who asked for it now. */
  by: 'scheduler' | 'user';
}

/** Produces the periods' reports that are not produced yet, then moves the resolution's next due date on. */
async function produce(db: Db, actor: Actor, r: ResolutionRow, periods: Period[], now: Date, by: Produced['by']): Promise<Produced[]> {
  const kind = r.report_kind;
  if (!isReportKind(kind) || !r.cadence || !r.first_period_start) return [];
  const out: Produced[] = [];
  for (const p of periods) {
    const id = randomUUID();
    const figures = await headlineFigures(db, actor.partnershipId, kind, p);
    const inserted = await store.insertReport(db, {
      partnership_id: actor.partnershipId,
      id,
      resolution_id: r.id,
      kind,
      period_from: p.from,
      period_to: p.to,
      figures: JSON.stringify(figures),
      produced_at: now,
      produced_by: by === 'user' ? actor.userId : null,
      produced_by_name: actor.name,
    });
    if (inserted) out.push({ reportId: id, resolutionId: r.id, number: r.number, kind, from: p.from, to: p.to, by });
  }
  const produced = await store.producedPeriods(db, actor.partnershipId, r.id);
  await store.setNextDue(db, actor.partnershipId, r.id, nextDueOn(r.first_period_start, r.cadence as Cadence, produced));
  return out;
}

/** The partnership's disclosure rule for a reader who may not see exact counts; null for one who may. */
const publishedRule = async (db: Db, actor: Actor) => (maySeeExactCounts(actor) ? null : await disclosureRuleFor(db, actor.partnershipId));

const producedSubject = (p: Produced) => ({ type: 'committee_report', id: p.reportId, details: { ...p } });

async function resolutionDetail(db: Db, actor: Actor, id: string, today: string) {
  const r = await store.resolutionById(db, actor.partnershipId, id);
  if (!r) throw notFound('The resolution');
  const rule = await publishedRule(db, actor);
  const cadence = r.cadence as Cadence | null;
  const reports = cadence ? (await store.reportsOf(db, actor.partnershipId, id)).map((x) => reportView(x, cadence, rule)) : [];
  const latest = cadence && r.first_period_start ? latestEndedPeriod(cadence, today) : null;
  return {
    ...resolutionView(r, today),
    meeting: { id: r.meeting_id, committee: r.committee, heldOn: r.held_on, title: r.meeting_title },
    reports,
    actions: (await store.actionsFor(db, actor.partnershipId, id)).map((a) => ({
      id: a.id,
      title: a.description,
      status: a.status,
      dueOn: a.due_date,
      ownerAgencyName: a.owner_agency_name,
    })),
    /** The period "Produce the report now" would produce: the latest ended, once the first period has ended. */
    produceNow:
      cadence && latest && r.first_period_start && latest.from >= r.first_period_start
        ? { ...latest, label: periodLabel(latest, cadence), produced: reports.some((x) => x.period.from === latest.from) }
        : null,
  };
}

export type ResolutionDetail = Awaited<ReturnType<typeof resolutionDetail>>;

export const getResolution = useCase({
  name: 'committee.resolution',
  permission: ['review', 'read'],
  input: Ref,
  run: ({ db, actor, now }, { id }) => resolutionDetail(db, actor, id, ukDate(now)),
  audit: { none: NO_PERSON },
});

export const getReport = useCase({
  name: 'committee.report',
  permission: ['review', 'read'],
  input: Ref,
  async run({ db, actor, now }, { id }) {
    const report = await store.reportById(db, actor.partnershipId, id);
    if (!report) throw notFound('The report');
    const r = await store.resolutionById(db, actor.partnershipId, report.resolution_id);
    if (!r) throw notFound('The report');
    return {
      report: reportView(report, (r.cadence ?? 'quarterly') as Cadence, await publishedRule(db, actor)),
      resolution: resolutionView(r, ukDate(now)),
      meeting: { id: r.meeting_id, committee: r.committee, heldOn: r.held_on, title: r.meeting_title },
    };
  },
  audit: { none: `${NO_PERSON}; the figures are counts` },
});

/**
 * "Produce the report now": the latest ended period's report, as the sweep would produce it when due. Already
 * produced: that report, and no event (`created` false).
 */
export const produceReportNow = useCase({
  name: 'committee.produce_report',
  permission: ['review', 'update'],
  input: Ref,
  async run({ db, actor, now }, { id }): Promise<{ created: boolean; report: ReportView; produced: Produced | null }> {
    const today = ukDate(now);
    const r = await store.resolutionById(db, actor.partnershipId, id, { forUpdate: true });
    if (!r) throw notFound('The resolution');
    const cadence = r.cadence as Cadence | null;
    if (!cadence || !r.first_period_start || !isReportKind(r.report_kind))
      throw new Problem(409, 'No report promised', `Resolution ${r.number} promised no recurring report`);
    const latest = latestEndedPeriod(cadence, today);
    if (latest.from < r.first_period_start)
      throw new Problem(
        409,
        'No period has ended yet',
        `The first period has not ended: its report is due on ${formatDate(dueOn(periodFrom(r.first_period_start, cadence)))}`,
      );
    const [produced] = await produce(db, actor, r, [latest], now, 'user');
    const row = await store.reportForPeriod(db, actor.partnershipId, id, latest.from);
    if (!row) throw notFound('The report');
    return { created: !!produced, report: reportView(row, cadence, await publishedRule(db, actor)), produced: produced ?? null };
  },
  audit: { change: 'committee_report.produced', subject: (r) => (r.produced ? producedSubject(r.produced) : null) },
});

/** The sweep's work for one partnership: every report due by today and not yet produced; one event each. */
export const produceDueReports = useCase({
  name: 'committee.sweep_reports',
  permission: ['review', 'update'],
  input: undefined,
  async run({ db, actor, now }) {
    const today = ukDate(now);
    const out: Produced[] = [];
    for (const r of await store.dueResolutions(db, actor.partnershipId, today)) {
      if (!r.cadence || !r.first_period_start) continue;
      const produced = await store.producedPeriods(db, actor.partnershipId, r.id);
      out.push(...(await produce(db, actor, r, periodsToProduce(r.first_period_start, r.cadence as Cadence, today, produced), now, 'scheduler')));
    }
    return out;
  },
  audit: { change: 'committee_report.produced', subject: (list) => (list.length ? list.map(producedSubject) : null) },
});
