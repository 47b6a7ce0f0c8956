// The agenda a meeting opens with, assembled from live data by the other modules' own use cases (so each reads
// only what the reader may see, and audits it): for a MACE the child's chronology since the last meeting, current
// risk, open actions, missing episodes and intelligence; for the Panel new and high-risk children, repeat-missing
// alerts, hotspots, overdue actions and disruption outcomes; for the ODG the week's hub figures against the previous
// eight weeks. When the meeting starts, this is stored and the stored copy is shown from then on.
import { isRole } from '../../../platform/access/policy.ts';
import { may, mayShareWithInvitees } from '../../../platform/access/rules.ts';
import { Problem } from '../../../platform/http/problems.ts';
import { addDays, formatUkDateTime, ukDate, ukDayStart } from '../../../platform/time.ts';
import type { UseCaseContext } from '../../../platform/usecase/usecase.ts';
import { listActions } from '../../actions/use-cases.ts';
import { listCases, personCase } from '../../cases/use-cases/read.ts';
import { personChronology } from '../../chronology/use-cases.ts';
import { disruptionByTactic } from '../../intelligence/use-cases/disruption.ts';
import { getHotspots } from '../../intelligence/use-cases/hotspots.ts';
import { personIntelligence } from '../../intelligence/use-cases/items.ts';
import * as alertsStore from '../../missing/alerts/store.ts';
import { childMissing } from '../../missing/use-cases/episodes.ts';
import * as reportsStore from '../../reports/store.ts';
import * as attendanceStore from '../attendance/store.ts';
import type { MeetingRow } from '../store.ts';
import * as store from '../store.ts';

export interface AgendaRow {
  at?: string | null;
  text: string;
  href?: string | null;
}
export interface AgendaSection {
  key: string;
  title: string;
  /** False when the reader may not see this part: it says so rather than showing it empty. */
  available: boolean;
  rows: AgendaRow[];
}
export interface WeekFigures {
  weekStarting: string;
  referrals: number;
  high: number;
  awaitingTriage: number;
}
export interface Agenda {
  kind: string;
  assembledAt: string;
  since: string | null;
  sections: AgendaSection[];
  weeks?: WeekFigures[];
}

const at = (d: Date | string | null | undefined) => (d ? formatUkDateTime(d) : null);

/** A section from another module's use case; refused or not found (the reader may not see it) is "not available". */
async function section(key: string, title: string, rows: () => Promise<AgendaRow[]>): Promise<AgendaSection> {
  try {
    return { key, title, available: true, rows: await rows() };
  } catch (e) {
    if (e instanceof Problem && (e.status === 403 || e.status === 404)) return { key, title, available: false, rows: [] };
    throw e;
  }
}

async function maceAgenda(ctx: UseCaseContext, m: MeetingRow, since: string | null): Promise<AgendaSection[]> {
  const personId = m.person_id;
  if (!personId)
    return [
      {
        key: 'context',
        title: 'The place or group',
        available: true,
        rows: [
          {
            text: 'A MACE about a context: intelligence on the place or group is discussed from its page.',
            href: m.entity_id ? `/intelligence/entities/${m.entity_id}` : null,
          },
        ],
      },
    ];
  // Intelligence lines are the Intelligence section's, under the invitees' rule, not the opener's chronology.
  const chronology = await section('chronology', since ? 'Chronology since the last meeting' : 'Chronology', async () => {
    const page = await ctx.call(personChronology, { id: personId, ...(since ? { from: since } : {}), pageSize: 100 });
    return page.items.filter((i) => i.kind !== 'intelligence').map((i) => ({ at: at(i.at), text: `${i.kindLabel}: ${i.text}` }));
  });
  const intelligence = await section('intelligence', 'Intelligence', async () => {
    // All the child's intelligence (the latest 200), not only since the last meeting: it is what is known now.
    const { items } = await ctx.call(personIntelligence, { personId });
    const invited = (await attendanceStore.invitees(ctx.db, ctx.actor.partnershipId, [m.id])).map((i) => ({
      agencyId: i.agency_id,
      role: isRole(i.user_role) ? i.user_role : null,
    }));
    const shared = items.filter((i) => mayShareWithInvitees(i.handlingFacts, invited));
    const left = items.length - shared.length;
    return [
      ...shared.map((i) => ({ at: i.occurredOn, text: `${i.categoryLabel} (${i.grading}, ${i.agencyName}): ${i.summary}`, href: `/intelligence/${i.id}` })),
      ...(left ? [{ text: `${left} report${left === 1 ? '' : 's'} not shown: not every agency invited may see ${left === 1 ? 'it' : 'them'}` }] : []),
    ];
  });
  return [
    chronology,
    await section('risk', 'Current risk', async () => {
      const c = await ctx.call(personCase, { personId });
      return c.case
        ? [
            {
              at: at(c.case.riskDecidedAt),
              text: `${c.case.riskLevelLabel} risk, ${c.case.categoryLabel ?? 'category not given'} (case ${c.case.statusLabel.toLowerCase()})`,
            },
          ]
        : [{ text: 'No case open' }];
    }),
    await section('actions', 'Open actions', async () => {
      const a = await ctx.call(listActions, { personId, status: 'live' });
      return a.items.map((x) => ({ at: x.dueOn, text: `${x.title} (${x.ownerAgencyName}${x.overdue ? ', overdue' : ''})`, href: `/actions/${x.id}` }));
    }),
    await section('missing', 'Missing episodes', async () => {
      const h = await ctx.call(childMissing, { personId });
      return h.episodes.map((e) => ({ at: at(e.reportedAt), text: e.returnedAt ? `Missing, returned ${at(e.returnedAt)}` : 'Missing, not yet returned' }));
    }),
    intelligence,
  ];
}

async function panelAgenda(ctx: UseCaseContext, from: string, to: string): Promise<AgendaSection[]> {
  const { db, actor } = ctx;
  return [
    await section('children', 'New and high-risk children', async () => {
      const c = await ctx.call(listCases, { riskLevel: ['high'], status: ['open', 'under_review'], pageSize: 200 });
      return c.items.map((x) => ({ text: `${x.name}: ${x.riskLevelLabel} risk, ${x.categoryLabel ?? ''}`.trim(), href: `/people/${x.personId}` }));
    }),
    await section('repeat_missing', 'Repeat-missing alerts', async () => {
      if (!may(actor, 'missing', 'read')) return Promise.reject(new Problem(403, 'Forbidden', ''));
      const rows = await alertsStore.alerts(db, actor.partnershipId, { openOnly: true, limit: 200 });
      return rows.map((a) => ({ at: at(a.created_at), text: `Repeat-missing alert`, href: `/people/${a.person_id}` }));
    }),
    await section('hotspots', 'Hotspots', async () => {
      const h = await ctx.call(getHotspots, { from, to });
      return h.wards.filter((w) => w.concerns > 0).map((w) => ({ text: `${w.ward}: ${w.concerns} concern${w.concerns === 1 ? '' : 's'}` }));
    }),
    await section('overdue_actions', 'Overdue actions', async () => {
      const a = await ctx.call(listActions, { show: 'overdue' });
      return a.items.map((x) => ({ at: x.dueOn, text: `${x.title} (${x.ownerAgencyName})`, href: `/actions/${x.id}` }));
    }),
    await section('disruption', 'Disruption outcomes', async () => {
      if (!may(actor, 'disruption', 'read')) return Promise.reject(new Problem(403, 'Forbidden', ''));
      const t = await disruptionByTactic(ctx, { from, to });
      return t.map((x) => ({
        text: `${x.label}: ${x.total} (${Object.entries(x.byOutcome)
          .filter(([, n]) => n > 0)
          .map(([o, n]) => `${o.replaceAll('_', ' ')} ${n}`)
          .join(', ')})`,
      }));
    }),
  ];
}

/** The week ending the day before the meeting and the eight weeks before it: referrals, High decisions, awaiting. */
async function odgWeeks(ctx: UseCaseContext, day: string): Promise<WeekFigures[]> {
  const weeks: WeekFigures[] = [];
  for (let w = 8; w >= 0; w--) {
    const start = addDays(day, -7 * (w + 1));
    const counts = await reportsStore.triageCounts(ctx.db, ctx.actor.partnershipId, ukDayStart(start), ukDayStart(addDays(start, 7)));
    const sum = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((n, c) => n + c.count, 0);
    weeks.push({ weekStarting: start, referrals: sum(() => true), high: sum((c) => c.outcome === 'high'), awaitingTriage: sum((c) => c.outcome === null) });
  }
  return weeks;
}

export async function assembleAgenda(ctx: UseCaseContext, m: MeetingRow): Promise<Agenda> {
  const day = ukDate(new Date(m.starts_at));
  const last = m.person_id ? await store.lastHeldAbout(ctx.db, ctx.actor.partnershipId, m.person_id, new Date(m.starts_at), m.id) : undefined;
  const since = last ? ukDate(new Date(last.starts_at)) : null;
  const base = { kind: m.agenda_kind, assembledAt: ctx.now.toISOString(), since };
  if (m.agenda_kind === 'mace') return { ...base, sections: await maceAgenda(ctx, m, since) };
  if (m.agenda_kind === 'panel') return { ...base, since: addDays(day, -30), sections: await panelAgenda(ctx, addDays(day, -30), day) };
  if (m.agenda_kind === 'odg') {
    if (!may(ctx.actor, 'report', 'read')) return { ...base, sections: [{ key: 'figures', title: 'Hub figures', available: false, rows: [] }] };
    const weeks = await odgWeeks(ctx, day);
    const now = weeks[weeks.length - 1];
    const prev = weeks.slice(0, -1);
    const avg = (f: (w: WeekFigures) => number) => (prev.length ? prev.reduce((n, w) => n + f(w), 0) / prev.length : 0);
    const trend = (v: number, a: number) => `${v} (previous eight weeks average ${a.toFixed(1)}, ${v > a ? 'up' : v < a ? 'down' : 'level'})`;
    return {
      ...base,
      since: now.weekStarting,
      weeks,
      sections: [
        {
          key: 'figures',
          title: 'Hub figures this week',
          available: true,
          rows: [
            {
              text: `Referrals received: ${trend(
                now.referrals,
                avg((w) => w.referrals),
              )}`,
            },
            {
              text: `Decided High: ${trend(
                now.high,
                avg((w) => w.high),
              )}`,
            },
            {
              text: `Awaiting triage: ${trend(
                now.awaitingTriage,
                avg((w) => w.awaitingTriage),
              )}`,
            },
          ],
        },
      ],
    };
  }
  return { ...base, sections: [] };
}
