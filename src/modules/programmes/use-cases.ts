// Programmes with caseloads (issue 19.2): create (the hub coordinator), list and read (hub members; a worker their
// own caseload), allocate a child's case to a worker (refused on personId by the domain's rules), end an allocation
// with a reason, and the indicators for the programme and its comparison group side by side. Allocations are
// person-level: reads audited, changes domain events about the child (programme.joined, programme.left).
import { randomUUID } from 'node:crypto';
import { mayOnProgrammeAllocation, maySeeProgrammeIndicators } from '../../platform/access/rules.ts';
import { type FieldError, forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { periodErrors } from '../../platform/http/schemas.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { allocationErrors, comparisonStatement, indicator, MEASURE_LABELS, MEASURES, type Measure, programmeErrors } from './domain.ts';
import { AllocateInput, CreateProgrammeInput, IndicatorsQuery, LeaveInput, ProgrammeRef } from './schemas.ts';
import * as store from './store.ts';
import { allocationView, cohorts, programmeView } from './view.ts';

const SETTINGS = 'a programme’s settings and caseload counts, no child named';

export const listProgrammes = useCase({
  name: 'programmes.list',
  permission: ['programme', 'read'],
  input: undefined,
  async run({ db, actor, scope }) {
    const rows = await store.programmes(db, actor.partnershipId);
    const mine = scope === 'own' ? new Set(await store.programmesOfWorker(db, actor.partnershipId, actor.userId)) : null;
    return rows.filter((p) => !mine || mine.has(p.id)).map((p) => programmeView(p, Number(p.current ?? 0), []));
  },
  audit: { none: SETTINGS },
});

export const createProgramme = useCase({
  name: 'programmes.create',
  permission: ['programme', 'create'],
  input: CreateProgrammeInput,
  async run({ db, actor }, input) {
    const name = input.name.trim();
    const errors: FieldError[] = programmeErrors(input);
    if (await store.programmeNamed(db, actor.partnershipId, name)) errors.push({ field: 'name', message: 'A programme with this name already exists' });
    const scales = new Map((await store.scales(db, actor.partnershipId)).map((s) => [s.id, s]));
    const indicators = (input.indicators?.length ? input.indicators : [{ kind: 'count' as const, measure: 'cases' }]).map((i, position) => {
      const field = `indicators[${position}]`;
      if (!(MEASURES[i.kind] as readonly string[]).includes(i.measure)) errors.push({ field: `${field}.measure`, message: `Choose a measure for a ${i.kind}` });
      const scale = i.scaleId ? scales.get(i.scaleId) : undefined;
      if (i.kind === 'change' && !scale) errors.push({ field: `${field}.scaleId`, message: 'Choose the outcome scale the change is measured on' });
      const label = i.label?.trim() || `${MEASURE_LABELS[i.measure as Measure] ?? i.measure}${scale && i.kind === 'change' ? `: ${scale.name}` : ''}`;
      return { position, kind: i.kind, measure: i.measure, scale_id: i.kind === 'change' ? (scale?.id ?? null) : null, label };
    });
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertProgramme(db, {
      partnership_id: actor.partnershipId,
      id,
      name,
      description: input.description?.trim() || null,
      risk_levels: [...input.riskLevels],
      age_from: input.ageFrom ?? null,
      age_to: input.ageTo ?? null,
      caseload_cap: input.caseloadCap,
      starts_on: input.startsOn,
      created_by: actor.userId,
    });
    await store.insertIndicators(
      db,
      indicators.map((i) => ({ partnership_id: actor.partnershipId, programme_id: id, ...i })),
    );
    const p = (await store.programmeById(db, actor.partnershipId, id))!;
    return programmeView(p, 0, await store.indicatorsOf(db, actor.partnershipId, id));
  },
  audit: { change: 'programme.created', subject: (p) => ({ type: 'programme', id: p.id, details: { name: p.name, cap: p.caseloadCap } }) },
});

async function programmeOr404(db: Parameters<typeof store.programmeById>[0], partnershipId: string, id: string, forUpdate = false) {
  const p = await store.programmeById(db, partnershipId, id, { forUpdate });
  if (!p) throw notFound('The programme');
  return p;
}

/** The programme and its caseload (current and past); a worker in 'own' scope sees only the children they work. */
export const getProgramme = useCase({
  name: 'programmes.get',
  permission: ['programme', 'read'],
  input: ProgrammeRef,
  async run({ db, actor }, { id }) {
    const p = await programmeOr404(db, actor.partnershipId, id);
    const all = (await store.allocationsOf(db, actor.partnershipId, id)).map(allocationView);
    const caseload = all.filter((a) => mayOnProgrammeAllocation(actor, 'read', a));
    if (!caseload.length && !maySeeProgrammeIndicators(actor)) throw forbidden('You hold no case in this programme');
    const current = all.filter((a) => a.leftOn === null).length;
    return { ...programmeView(p, current, await store.indicatorsOf(db, actor.partnershipId, id)), caseload };
  },
  audit: {
    read: 'programme.viewed',
    subject: (r) => [
      { type: 'programme', id: r.id, details: { caseload: r.caseload.length } },
      ...r.caseload.map((a) => ({ type: 'programme_allocation', id: a.id, personId: a.personId })),
    ],
  },
});

export const allocate = useCase({
  name: 'programmes.allocate',
  permission: ['programme', 'update'],
  input: AllocateInput,
  async run({ db, actor, now }, { id, personId, workerId, joinedOn }) {
    const p = await programmeOr404(db, actor.partnershipId, id, true);
    const today = ukDate(now);
    const on = joinedOn ?? today;
    const facts = await store.allocationFacts(db, actor.partnershipId, personId);
    const errors: FieldError[] = facts
      ? allocationErrors(
          { riskLevels: p.risk_levels, ageFrom: p.age_from, ageTo: p.age_to, cap: p.caseload_cap },
          {
            riskLevel: facts.risk_level,
            dateOfBirth: facts.date_of_birth,
            status: facts.status,
            current: await store.currentCount(db, actor.partnershipId, id),
            inAProgramme: facts.programme_name,
          },
          on,
        )
      : [{ field: 'personId', message: 'Choose a child with an open case' }];
    const worker = await store.userInPartnership(db, actor.partnershipId, workerId);
    if (!worker) errors.push({ field: 'workerId', message: 'Choose the worker who holds the case' });
    if (on > today) errors.push({ field: 'joinedOn', message: 'The date joined must be today or in the past' });
    else if (on < p.starts_on) errors.push({ field: 'joinedOn', message: 'The date joined must be on or after the programme starts' });
    if (errors.length || !facts?.case_id || !worker) throw new ValidationProblem(errors);
    const allocationId = randomUUID();
    const inserted = await store.insertAllocation(db, {
      partnership_id: actor.partnershipId,
      id: allocationId,
      programme_id: id,
      person_id: personId,
      case_id: facts.case_id,
      worker_id: workerId,
      joined_on: on,
    });
    if (!inserted) throw new ValidationProblem([{ field: 'personId', message: 'The child has just joined a programme: refresh the page to see it' }]);
    const row = (await store.allocationsOf(db, actor.partnershipId, id)).find((a) => a.id === allocationId)!;
    return { programmeId: id, programmeName: p.name, ...allocationView(row) };
  },
  audit: {
    change: 'programme.joined',
    subject: (a) => ({
      type: 'programme_allocation',
      id: a.id,
      personId: a.personId,
      details: { programme: a.programmeName, worker: a.workerName, joinedOn: a.joinedOn },
    }),
  },
});

export const leave = useCase({
  name: 'programmes.leave',
  permission: ['programme', 'update'],
  input: LeaveInput,
  async run({ db, actor, now }, { id, allocationId, leftOn, reason }) {
    const p = await programmeOr404(db, actor.partnershipId, id);
    const a = await store.allocationById(db, actor.partnershipId, allocationId);
    if (!a || a.programme_id !== id) throw notFound('The allocation');
    if (a.left_on) throw new Problem(409, 'Conflict', 'This child has already left the programme');
    const today = ukDate(now);
    const on = leftOn ?? today;
    const errors: FieldError[] = [];
    if (!reason?.trim()) errors.push({ field: 'reason', message: 'Enter why the child is leaving the programme' });
    if (on > today) errors.push({ field: 'leftOn', message: 'The date left must be today or in the past' });
    else if (on < a.joined_on) errors.push({ field: 'leftOn', message: 'The date left must be on or after the date joined' });
    if (errors.length) throw new ValidationProblem(errors);
    await store.endAllocation(db, actor.partnershipId, allocationId, on, reason!.trim());
    const row = (await store.allocationsOf(db, actor.partnershipId, id)).find((r) => r.id === allocationId)!;
    return { programmeId: id, programmeName: p.name, ...allocationView(row) };
  },
  audit: {
    change: 'programme.left',
    subject: (a) => ({
      type: 'programme_allocation',
      id: a.id,
      personId: a.personId,
      details: { programme: a.programmeName, reason: a.leftReason, leftOn: a.leftOn },
    }),
  },
});

/** The period asked for, else from the programme's start to today. */
export function periodOf(p: { starts_on: string }, today: string, from?: string, to?: string) {
  const period = { from: from ?? p.starts_on, to: to ?? today };
  const errors = periodErrors(period);
  if (errors.length) throw new ValidationProblem(errors);
  return period;
}

/**
 * Each indicator for the programme's children and for the comparison group, with the plain statement of what the
 * comparison can and cannot show, and (so "improved or sustained" can be reproduced) which records each child counted with.
 */
export const programmeIndicators = useCase({
  name: 'programmes.indicators',
  permission: ['programme', 'read'],
  input: IndicatorsQuery,
  async run({ db, actor, now }, { id, from, to }) {
    if (!maySeeProgrammeIndicators(actor)) throw forbidden('The indicators are the hub’s: they span the comparison group');
    const p = await programmeOr404(db, actor.partnershipId, id);
    const today = ukDate(now);
    const period = periodOf(p, today, from, to);
    const c = await cohorts(db, actor.partnershipId, p, period.from, period.to);
    const indicators = c.specs.map((spec) => {
      const mine = indicator(spec, c.programme.cohort, today);
      const theirs = indicator(spec, c.comparison.cohort, today);
      return {
        label: spec.label,
        kind: spec.kind,
        scaleId: spec.scaleId,
        programme: { count: mine.count, of: mine.of, percent: mine.percent },
        comparison: { count: theirs.count, of: theirs.of, percent: theirs.percent },
        counted:
          spec.kind === 'change'
            ? mine.counted
                .map((m) => ({
                  personId: m.personId,
                  childName: c.names.get(m.personId) ?? '',
                  counts: m.counts,
                  first: { id: m.firstId!, recordedOn: c.programme.dates.get(m.firstId!)!, value: m.first! },
                  latest: { id: m.latestId!, recordedOn: c.programme.dates.get(m.latestId!)!, value: m.latest! },
                }))
                .sort((x, y) => x.childName.localeCompare(y.childName))
            : [],
      };
    });
    const sizes = { programme: c.programme.cohort.length, comparison: c.comparison.cohort.length };
    return {
      id,
      name: p.name,
      ...period,
      sizes,
      indicators,
      statement: comparisonStatement(sizes.programme, sizes.comparison),
      personIds: c.programme.cohort.map((m) => m.personId),
    };
  },
  audit: {
    read: 'programme.indicators_viewed',
    subject: (r) => [
      { type: 'programme', id: r.id, details: { from: r.from, to: r.to } },
      ...r.personIds.map((personId) => ({ type: 'person', id: personId, personId })),
    ],
  },
});

/** Who the allocate form offers: eligible open cases not in a programme, and the workers who may hold them. */
export const allocationChoices = useCase({
  name: 'programmes.allocationChoices',
  permission: ['programme', 'update'],
  input: ProgrammeRef,
  async run({ db, actor }, { id }) {
    const p = await programmeOr404(db, actor.partnershipId, id);
    const [children, workers] = await Promise.all([store.candidates(db, actor.partnershipId, p.risk_levels), store.workers(db, actor.partnershipId)]);
    return { id, children: children.map((c) => ({ personId: c.person_id, name: `${c.given_name} ${c.family_name}` })), workers };
  },
  audit: { read: 'programme.candidates_listed', subject: (r) => r.children.map((c) => ({ type: 'person', id: c.personId, personId: c.personId })) },
});
