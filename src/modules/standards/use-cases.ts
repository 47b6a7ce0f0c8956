// Standards frameworks (issue 13.6): list them with their schedule, create one with its numbered standards, read one
// standard with its self-assessments, and record a self-assessment (rating, evidence, links) whose actions go into
// the one tracker. Frameworks hold no child's data, so reads are not person-level; every change is audited with its
// domain event.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { formatDate, ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { assessableQuarters, DEFAULT_PER_QUARTER, evidenceLinkErrors, isFirstOfMonth, repeatedNumbers } from './domain.ts';
import { AssessInput, CreateFrameworkInput, FrameworkRef, StandardRef, WordingInput } from './schemas.ts';
import * as store from './store.ts';
import { assessmentViewer, type FrameworkView, frameworkView, quarterView } from './view.ts';

const NO_PERSON = 'a standards framework and its self-assessments describe the partnership’s practice, never a child';

async function load(db: Db, partnershipId: string, today: string, id?: string) {
  const rows = await store.frameworks(db, partnershipId, id);
  const standards = await store.standardsOf(
    db,
    partnershipId,
    rows.map((f) => f.id),
  );
  const assessments = await store.assessmentsOf(
    db,
    partnershipId,
    standards.map((s) => s.id),
  );
  const ids = assessments.map((a) => a.id);
  const [links, actions] = await Promise.all([store.linksOf(db, partnershipId, ids), store.actionsFor(db, partnershipId, ids)]);
  return rows.map((f) => {
    const own = standards.filter((s) => s.framework_id === f.id);
    const mine = new Set(own.map((s) => s.id));
    const theirs = assessments.filter((a) => mine.has(a.standard_id));
    return { row: f, standards: own, assessments: theirs, extras: { links, actions }, view: frameworkView(f, own, theirs, { links, actions }, today) };
  });
}

async function one(db: Db, partnershipId: string, today: string, id: string) {
  const [f] = await load(db, partnershipId, today, id);
  if (!f) throw notFound('The standards framework');
  return f;
}

export const listFrameworks = useCase({
  name: 'standards.list',
  permission: ['review', 'read'],
  input: undefined,
  async run({ db, actor, now }): Promise<FrameworkView[]> {
    return (await load(db, actor.partnershipId, ukDate(now))).map((f) => f.view);
  },
  audit: { none: NO_PERSON },
});

export const getFramework = useCase({
  name: 'standards.get',
  permission: ['review', 'read'],
  input: FrameworkRef,
  async run({ db, actor, now }, { id }) {
    return (await one(db, actor.partnershipId, ukDate(now), id)).view;
  },
  audit: { none: NO_PERSON },
});

/** One standard with its self-assessments (newest first) and the quarters it may be assessed for. */
export const getStandard = useCase({
  name: 'standards.standard',
  permission: ['review', 'read'],
  input: StandardRef,
  async run({ db, actor, now }, { id, number }) {
    const today = ukDate(now);
    const f = await one(db, actor.partnershipId, today, id);
    const standard = f.view.standards.find((s) => s.number === number);
    const row = f.standards.find((s) => s.number === number);
    if (!standard || !row) throw notFound(`Standard ${number}`);
    const show = assessmentViewer(f.row.starts_on, f.view.quartersPerCycle, f.extras);
    const { quarters, defaultIndex } = assessableQuarters(
      { startsOn: f.row.starts_on, perQuarter: f.row.per_quarter, numbers: f.standards.map((s) => s.number), today },
      number,
    );
    return {
      framework: { id: f.view.id, name: f.view.name, currentQuarter: f.view.currentQuarter },
      standard,
      assessments: f.assessments
        .filter((a) => a.standard_id === row.id)
        .map(show)
        .reverse(),
      quarters: quarters.map((q) => ({ ...quarterView(q, f.view.quartersPerCycle), isDefault: q.index === defaultIndex })),
    };
  },
  audit: { none: NO_PERSON },
});

export const createFramework = useCase({
  name: 'standards.create',
  permission: ['review', 'create'],
  input: CreateFrameworkInput,
  async run({ db, actor, now }, input) {
    const errors: FieldError[] = [];
    const name = input.name.trim();
    if (await store.frameworkNamed(db, actor.partnershipId, name))
      errors.push({ field: 'name', message: 'A framework with this name already exists: choose another name' });
    if (!isFirstOfMonth(input.startsOn)) errors.push({ field: 'startsOn', message: 'The cycle must start on the first day of a month' });
    errors.push(...repeatedNumbers(input.standards));
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    const perQuarter = input.perQuarter ?? DEFAULT_PER_QUARTER;
    await store.insertFramework(db, {
      partnership_id: actor.partnershipId,
      id,
      name,
      description: input.description?.trim() || null,
      per_quarter: perQuarter,
      starts_on: input.startsOn,
      created_by: actor.userId,
      created_at: now,
    });
    await store.insertStandards(
      db,
      input.standards.map((s) => ({
        partnership_id: actor.partnershipId,
        id: randomUUID(),
        framework_id: id,
        number: s.number,
        title: s.title.trim(),
        description: s.description?.trim() || null,
      })),
    );
    return { id, name, perQuarter, startsOn: input.startsOn, standards: input.standards.length };
  },
  audit: { change: 'standards_framework.created', subject: (r) => ({ type: 'standards_framework', id: r.id, details: r }) },
});

/**
 * A self-assessment of one standard for one quarter (the quarter it was last due in unless another that has started
 * is named), by the signed-in person. Each action it needs is made in the tracker (source 'standard'), which audits it.
 */
export const assessStandard = useCase({
  name: 'standards.assess',
  permission: ['review', 'update'],
  input: AssessInput,
  async run(ctx, input) {
    const { db, actor, now } = ctx;
    const today = ukDate(now);
    const f = await one(db, actor.partnershipId, today, input.id);
    const row = f.standards.find((s) => s.number === input.number);
    if (!row) throw notFound(`Standard ${input.number}`);
    const { quarters, defaultIndex } = assessableQuarters(
      { startsOn: f.row.starts_on, perQuarter: f.row.per_quarter, numbers: f.standards.map((s) => s.number), today },
      input.number,
    );
    const links = input.evidenceLinks ?? [];
    const errors: FieldError[] = [];
    const chosen = input.quarter ? quarters.find((q) => q.startsOn === input.quarter) : quarters.find((q) => q.index === defaultIndex);
    if (!chosen)
      errors.push({
        field: 'quarter',
        message: quarters.length
          ? 'Choose a quarter of the cycle that has started'
          : `The cycle starts on ${formatDate(f.row.starts_on)}: assess a standard from then`,
      });
    if (input.assessedOn && input.assessedOn > today) errors.push({ field: 'assessedOn', message: 'The date of the assessment must be today or in the past' });
    errors.push(...evidenceLinkErrors(links));
    (input.actions ?? []).forEach((a, i) => {
      if (a.dueOn < today) errors.push({ field: `actions[${i}].dueOn`, message: 'The due date must be today or in the future' });
    });
    if (errors.length || !chosen) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertAssessment(db, {
      partnership_id: actor.partnershipId,
      id,
      standard_id: row.id,
      quarter_starts_on: chosen.startsOn,
      rating: input.rating,
      evidence_summary: input.evidenceSummary.trim(),
      assessed_on: input.assessedOn ?? today,
      author_user_id: actor.userId,
      author_name: actor.name,
      created_at: now,
    });
    await store.insertLinks(
      db,
      links.map((l, position) => ({ partnership_id: actor.partnershipId, assessment_id: id, position, title: l.title.trim(), url: l.url.trim() })),
    );
    const actionIds: string[] = [];
    for (const [i, a] of (input.actions ?? []).entries()) {
      try {
        const made = await ctx.call(createAction, {
          sourceKind: 'standard',
          sourceId: id,
          context: `Standard ${row.number}, ${f.row.name}`.slice(0, 200),
          title: a.title,
          ownerAgencyId: a.ownerAgencyId,
          dueOn: a.dueOn,
        });
        actionIds.push(made.id);
      } catch (err) {
        // The tracker names its own fields; here they are this action's.
        if (err instanceof ValidationProblem) throw new ValidationProblem(err.errors.map((e) => ({ ...e, field: `actions[${i}].${e.field}` })));
        throw err;
      }
    }
    const after = await one(db, actor.partnershipId, today, input.id);
    const assessment = after.assessments.find((a) => a.id === id);
    if (!assessment) throw notFound('The assessment');
    return {
      frameworkId: f.row.id,
      number: row.number,
      ...assessmentViewer(f.row.starts_on, after.view.quartersPerCycle, after.extras)(assessment),
      actionIds,
    };
  },
  audit: {
    change: 'standard.assessed',
    subject: (r) => ({
      type: 'standard_assessment',
      id: r.id,
      details: {
        frameworkId: r.frameworkId,
        number: r.number,
        quarter: r.quarter.startsOn,
        rating: r.rating,
        links: r.evidenceLinks.length,
        actionIds: r.actionIds,
      },
    }),
  },
});

/** A standard's wording changed (its title and description); its number, and so the schedule, stay as they are. */
export const changeWording = useCase({
  name: 'standards.change_wording',
  permission: ['review', 'manage'],
  input: WordingInput,
  async run({ db, actor, now }, input) {
    const f = await one(db, actor.partnershipId, ukDate(now), input.id);
    const row = f.standards.find((s) => s.number === input.number);
    if (!row) throw notFound(`Standard ${input.number}`);
    const to = { title: input.title.trim(), description: input.description?.trim() || null };
    await store.updateStandard(db, actor.partnershipId, row.id, to);
    const changed = to.title !== row.title || to.description !== row.description;
    return { id: row.id, frameworkId: f.row.id, number: row.number, changed, from: { title: row.title, description: row.description }, to };
  },
  audit: {
    change: 'standard.wording_changed',
    // The same wording sent again changes nothing: no event.
    subject: (r) => (r.changed ? { type: 'standard', id: r.id, details: { frameworkId: r.frameworkId, number: r.number, from: r.from, to: r.to } } : null),
  },
});
