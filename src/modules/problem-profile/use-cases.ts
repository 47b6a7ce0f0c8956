// The problem profile for a period (issue 15.5). Read by whoever reads the partnership's reports (report read):
// exact figures for those the policy allows, the partnership's disclosure rule for everyone else, for whole months
// that have ended (reports/domain publishedPeriodErrors: two packs a day apart cannot be subtracted). Counts only:
// producing the pack is audited with its period and whether it was published, never a person.
import { maySeeExactCounts, restrictedViewer } from '../../platform/access/rules.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { Period, periodErrors } from '../../platform/http/schemas.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { DEFAULT_CLOSURE_REASONS } from '../cases/domain.ts';
import { CATEGORIES, CATEGORY_LABELS, DEFAULT_TACTICS, DEFAULT_WARDS, DISRUPTION_OUTCOME_LABELS } from '../intelligence/vocab.ts';
import { runReport } from '../report-builder/store.ts';
import { publishedPeriodErrors } from '../reports/domain.ts';
import { REFERRAL_STATUSES, STATUS_LABELS } from '../support/domain.ts';
import { disclosureFor } from './disclose.ts';
import {
  type CountedTable,
  concernTable,
  ENGINE_FIGURES,
  ENGINE_TABLES,
  engineTable,
  figureList,
  keyedTable,
  SECTIONS,
  type SectionKey,
  specFor,
} from './domain.ts';
import * as store from './store.ts';
import type { ProfileView } from './view.ts';

const ONE = [{ key: '', label: 'Number' }];

export const problemProfile = useCase({
  name: 'problemProfile.produce',
  permission: ['report', 'read'],
  input: Period,
  async run({ db, actor, now }, p): Promise<ProfileView> {
    const exact = maySeeExactCounts(actor);
    const errors = periodErrors(p);
    if (errors.length === 0 && !exact) errors.push(...publishedPeriodErrors(p, ukDate(now)));
    if (errors.length) throw new ValidationProblem(errors);
    const pid = actor.partnershipId;
    const v = restrictedViewer(actor);
    const tables = new Map<SectionKey, CountedTable[]>(SECTIONS.map((s) => [s.key, []]));
    const add = (s: SectionKey, t: CountedTable) => tables.get(s)?.push(t);

    // The report builder's engine counts everything it can, so counting lives in one place.
    for (const t of ENGINE_TABLES) add(t.section, engineTable(t, await runReport(db, pid, specFor(t, p)), p));
    const figures = new Map<string, number>();
    for (const f of ENGINE_FIGURES) figures.set(f.key, (await runReport(db, pid, specFor({ measure: f.measure, dimensions: [] }, p))).total);

    const concern = await store.personsOfConcern(db, pid, v, p.from, p.to);
    add('concern', concernTable(concern, p.to));

    const categories = CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c] }));
    const wardRows = await store.hotspots(db, pid, v, p.from, p.to);
    const wards = [...DEFAULT_WARDS, ...new Set(wardRows.map((r) => r.ward ?? '').filter((w) => w && !(DEFAULT_WARDS as readonly string[]).includes(w)))];
    add(
      'locations',
      keyedTable(
        {
          key: 'hotspots',
          caption: 'Hotspots: concerns by ward and category',
          unit: 'Concerns (intelligence reports naming a place)',
          rowHeading: 'Ward',
          note: 'A report naming places in two wards counts in each.',
        },
        [...wards.map((w) => ({ key: w, label: w })), { key: '', label: 'Ward not recorded' }],
        categories,
        wardRows.map((r) => ({ row: r.ward ?? '', col: r.category, n: r.n })),
      ),
    );
    const themeRows = await store.themes(db, pid, v, p.from, p.to);
    add(
      'themes',
      keyedTable(
        { key: 'themes', caption: 'Intelligence by category', unit: 'Intelligence reports', rowHeading: 'Category' },
        categories,
        ONE,
        themeRows.map((r) => ({ row: r.category, col: '', n: r.n })),
      ),
    );

    const disruption = await store.disruptionOutcomes(db, pid, p.from, p.to);
    const tactics = [...DEFAULT_TACTICS.map((t) => ({ key: t.code, label: t.label }))];
    for (const r of disruption) if (!tactics.some((t) => t.key === r.tactic)) tactics.push({ key: r.tactic, label: r.label ?? r.tactic });
    for (const t of tactics) t.label = disruption.find((r) => r.tactic === t.key)?.label ?? t.label;
    add(
      'disruption',
      keyedTable(
        { key: 'disruption-by-tactic', caption: 'Disruption activities by tactic and outcome', unit: 'Disruption activities', rowHeading: 'Tactic' },
        tactics.filter((t) => disruption.some((r) => r.tactic === t.key) || DEFAULT_TACTICS.some((d) => d.code === t.key)),
        [
          ...Object.entries(DISRUPTION_OUTCOME_LABELS).map(([key, label]) => ({ key, label })),
          { key: 'open', label: 'Not finished' },
          { key: 'withdrawn', label: 'Withdrawn' },
        ],
        disruption.map((r) => ({ row: r.tactic, col: r.outcome, n: r.n })),
      ),
    );

    const missingFigures = ENGINE_FIGURES.filter((f) => f.section === 'missing');
    const returns = figureList(
      'returns-and-interviews',
      'Returns and return home interviews',
      missingFigures.map((f) => ({ label: f.label, n: figures.get(f.key) ?? 0 })),
    );
    returns.note = `${returns.note} Interviews offered and held within 72 hours, and children found within 24 hours, are in the missing figures for committees (/missing/report/committee).`;
    add('missing', returns);

    const support = await store.supportByStatus(db, pid, p.from, p.to);
    add(
      'support',
      keyedTable(
        {
          key: 'support-by-status',
          caption: 'Referrals to support services by where they stand now',
          unit: 'Support referrals',
          rowHeading: 'Status',
          note: 'Referrals sent in the period, each once, by the status each has now.',
        },
        REFERRAL_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s] })),
        ONE,
        support.map((r) => ({ row: r.status, col: '', n: r.n })),
      ),
    );
    const closed = await store.closedCases(db, pid, p.from, p.to);
    const reasons = DEFAULT_CLOSURE_REASONS.map((r) => ({ key: r.code, label: r.label }));
    for (const r of closed)
      if (!reasons.some((x) => x.key === (r.reason ?? ''))) reasons.push({ key: r.reason ?? '', label: r.label ?? 'Reason not recorded' });
    add(
      'support',
      keyedTable(
        { key: 'cases-closed', caption: 'Cases closed by reason', unit: 'Cases closed', rowHeading: 'Reason for closing' },
        reasons,
        ONE,
        closed.map((r) => ({ row: r.reason ?? '', col: '', n: r.n })),
      ),
    );

    const d = await disclosureFor(db, actor);
    return {
      from: p.from,
      to: p.to,
      published: !d.exact,
      disclosure: d.description,
      producedOn: ukDate(now),
      sections: SECTIONS.map((s) => ({ ...s, tables: (tables.get(s.key) ?? []).map(d.show) })),
    };
  },
  // Counts only; who produced which period (and whether published) is kept.
  audit: {
    read: 'problem_profile.produced',
    subject: (r) => ({ type: 'report', details: { report: 'problem_profile', from: r.from, to: r.to, published: r.published } }),
  },
});
