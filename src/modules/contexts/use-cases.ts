// Contexts (issue 19.4): refer or open one (from an intelligence place or group: the same record), read it with
// what the partnership holds about it, assess it against the toolkit, link children, record surveys and reviews,
// add tracker actions about it, and its own chronology. A context's page names its children, so reads are audited
// with each child as subject; changes about the place or group alone are about no one.
import { randomUUID } from 'node:crypto';
import { readsEveryChild } from '../../platform/access/rules.ts';
import { typed } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { contextAlertLines } from '../alerts/use-cases.ts';
import { type ContextKind, entityFor, inDateOrder, kindOfEntity, toolkit } from './domain.ts';
import {
  AssessInput,
  ContextActionInput,
  ContextRef,
  ContextsQuery,
  LinkChildInput,
  PersonRef,
  ReferContextInput,
  ReviewInput,
  SurveyInput,
} from './schemas.ts';
import * as store from './store.ts';
import { type ContextView, chronologyOf, contextView, summaryView } from './view.ts';

const ABOUT_NO_ONE = 'a context is a place, group, school or online space; its children are read only on its own page';

export const listContexts = useCase({
  name: 'contexts.list',
  permission: ['context', 'read'],
  input: ContextsQuery,
  async run({ db, actor }, q) {
    const [rows, wards] = await Promise.all([store.listContexts(db, actor.partnershipId, q), store.wards(db, actor.partnershipId)]);
    return { items: rows.map(summaryView), wards: wards.map((w) => w.ward as string) };
  },
  audit: { none: ABOUT_NO_ONE },
});

export const referContext = useCase({
  name: 'contexts.refer',
  permission: ['context', 'create'],
  input: ReferContextInput,
  async run({ db, actor, now }, input) {
    const pid = actor.partnershipId;
    const errors: FieldError[] = [];
    let kind = input.kind as ContextKind | undefined;
    let name = input.name?.trim() ?? '';
    let ward = input.ward?.trim() || null;
    const id = input.entityId ?? randomUUID();
    if (input.entityId) {
      // Opening an intelligence place or group: the entity is the context (no second record).
      const e = await store.entityById(db, pid, input.entityId);
      const entityKind = e ? kindOfEntity(e) : null;
      if (!e || !entityKind) errors.push({ field: 'entityId', message: 'There is no place or group with that id' });
      else {
        if (await store.contextById(db, pid, e.id)) errors.push({ field: 'entityId', message: 'This place or group is already a context' });
        kind = entityKind;
        name ||= e.label;
        ward ??= e.ward;
      }
    } else {
      if (!kind) errors.push({ field: 'kind', message: 'Select the kind of context' });
      if (!name) errors.push({ field: 'name', message: 'Enter the name of the place, group, school or online space' });
    }
    if ((input.latitude === undefined) !== (input.longitude === undefined))
      errors.push({ field: input.latitude === undefined ? 'latitude' : 'longitude', message: 'Enter both latitude and longitude, or neither' });
    if (errors.length || !kind) throw new ValidationProblem(errors);
    if (!input.entityId) await store.insertEntity(db, { partnership_id: pid, id, label: name, ward, created_by: actor.userId, ...entityFor(kind) });
    await store.insertContext(db, {
      partnership_id: pid,
      id,
      kind,
      name,
      ward,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      concerns: input.concerns.trim(),
      opened_by: actor.userId,
      opened_at: now,
    });
    return { id, kind, name, ward, fromEntity: !!input.entityId };
  },
  audit: { change: 'context.referred', subject: (c) => ({ type: 'context', id: c.id, details: { kind: c.kind, fromEntity: c.fromEntity } }) },
});

/** The intelligence place or group the "Open as a context" page names (its label only). */
export const entityToOpen = useCase({
  name: 'contexts.entityToOpen',
  permission: ['context', 'create'],
  input: ContextRef,
  async run({ db, actor }, { id }) {
    const e = await store.entityById(db, actor.partnershipId, id);
    if (!e || !kindOfEntity(e)) throw notFound('The place or group');
    // Already a context: the page goes to it rather than offering a second one.
    return { id: e.id, label: e.label, isContext: !!(await store.contextById(db, actor.partnershipId, e.id)) };
  },
  audit: { none: 'a place or group’s name, never a child' },
});

async function contextOr404(db: Db, partnershipId: string, id: string, forUpdate = false) {
  const c = await store.contextById(db, partnershipId, id, forUpdate);
  if (!c) throw notFound('The context');
  return c;
}

export async function loadContext(db: Db, partnershipId: string, id: string, withChildren: boolean, today: string): Promise<ContextView> {
  const c = await contextOr404(db, partnershipId, id);
  const [assessments, children, surveys, reviews, meetings, actions, disruption] = await Promise.all([
    store.assessmentsOf(db, partnershipId, id),
    withChildren ? store.childrenOf(db, partnershipId, id) : Promise.resolve([]),
    store.surveysOf(db, partnershipId, id),
    store.reviewsOf(db, partnershipId, id),
    store.meetingsAbout(db, partnershipId, id),
    store.actionsAbout(db, partnershipId, id),
    store.disruptionAgainst(db, partnershipId, id),
  ]);
  const ratings = await store.ratingsOf(
    db,
    partnershipId,
    assessments.map((a) => a.id),
  );
  const areas = toolkit(c.kind as ContextKind, await store.ownAreas(db, partnershipId, c.kind));
  return contextView({ c, assessments, ratings, children, surveys, reviews, meetings, actions, disruption, areas, today, childrenShown: withChildren });
}

const childSubjects = (c: ContextView, event: 'context.viewed' | 'context.chronology_viewed') => [
  { type: 'context', id: c.id, details: { children: c.children.length, event } },
  ...c.children.map((k) => ({ type: 'person', id: k.id, personId: k.id, details: { contextId: c.id } })),
];

export const getContext = useCase({
  name: 'contexts.get',
  permission: ['context', 'read'],
  input: ContextRef,
  run: ({ db, actor, now }, { id }) => loadContext(db, actor.partnershipId, id, readsEveryChild(actor), ukDate(now)),
  audit: { read: 'context.viewed', subject: (c) => childSubjects(c, 'context.viewed') },
});

export const contextChronology = useCase({
  name: 'contexts.chronology',
  permission: ['context', 'read'],
  input: ContextRef,
  async run({ db, actor, now }, { id }) {
    const c = await loadContext(db, actor.partnershipId, id, readsEveryChild(actor), ukDate(now));
    // Its cumulative concern alerts, raised and dismissed (decision 0024 "Alerts about a context").
    const alerts = await contextAlertLines(db, actor.partnershipId, id);
    return { ...c, chronology: inDateOrder([...chronologyOf(c), ...alerts]) };
  },
  audit: { read: 'context.chronology_viewed', subject: (c) => childSubjects(c, 'context.chronology_viewed') },
});

/** The areas to rate for the context (the page's form). */
export const assessmentForm = useCase({
  name: 'contexts.assessmentForm',
  permission: ['context', 'update'],
  input: ContextRef,
  async run({ db, actor }, { id }) {
    const c = await contextOr404(db, actor.partnershipId, id);
    return { id: c.id, name: c.name, kind: c.kind, areas: toolkit(c.kind as ContextKind, await store.ownAreas(db, actor.partnershipId, c.kind)) };
  },
  audit: { none: ABOUT_NO_ONE },
});

export const assessContext = useCase({
  name: 'contexts.assess',
  permission: ['context', 'update'],
  input: AssessInput,
  async run({ db, actor, now }, input) {
    const pid = actor.partnershipId;
    const c = await contextOr404(db, pid, input.id, true);
    const areas = toolkit(c.kind as ContextKind, await store.ownAreas(db, pid, c.kind));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    input.ratings.forEach((r, i) => {
      if (!areas.some((a) => a.code === r.areaCode) || seen.has(r.areaCode))
        errors.push({ field: `ratings[${i}].areaCode`, message: 'Rate each area of the toolkit once' });
      seen.add(r.areaCode);
    });
    if (input.assessedOn > ukDate(now)) errors.push({ field: 'assessedOn', message: 'The date of the assessment must be today or in the past' });
    if (errors.length) throw new ValidationProblem(errors);
    const assessmentId = randomUUID();
    await store.insertAssessment(
      db,
      {
        partnership_id: pid,
        id: assessmentId,
        context_id: c.id,
        assessed_on: input.assessedOn,
        summary: input.summary?.trim() || null,
        assessed_by: actor.userId,
        created_at: now,
      },
      input.ratings.map((r) => ({
        partnership_id: pid,
        assessment_id: assessmentId,
        area_code: r.areaCode,
        area_label: areas.find((a) => a.code === r.areaCode)?.label ?? r.areaCode,
        rating: r.rating,
        notes: r.notes?.trim() || null,
      })),
    );
    return { id: assessmentId, contextId: c.id, assessedOn: input.assessedOn, rated: input.ratings.length };
  },
  audit: {
    change: 'context.assessed',
    subject: (a) => ({ type: 'context', id: a.contextId, details: { assessmentId: a.id, assessedOn: a.assessedOn, rated: a.rated } }),
  },
});

export const linkChild = useCase({
  name: 'contexts.linkChild',
  permission: ['context', 'update'],
  input: LinkChildInput,
  async run({ db, actor, now }, input) {
    const pid = actor.partnershipId;
    const c = await contextOr404(db, pid, input.id, true);
    const person = await store.personById(db, pid, input.personId);
    if (!person) throw new ValidationProblem([{ field: 'personId', message: 'There is no child with that id' }]);
    if (await store.childLink(db, pid, c.id, person.id))
      throw new ValidationProblem([{ field: 'personId', message: 'This child is already linked to the context' }]);
    await store.insertChild(db, {
      partnership_id: pid,
      context_id: c.id,
      person_id: person.id,
      role: input.role,
      reason: input.reason?.trim() || null,
      linked_by: actor.userId,
      linked_at: now,
    });
    return { contextId: c.id, contextName: c.name, personId: person.id, role: input.role };
  },
  audit: {
    change: 'context.child_linked',
    subject: (l) => ({ type: 'context', id: l.contextId, personId: l.personId, details: { contextId: l.contextId, contextName: l.contextName, role: l.role } }),
  },
});

export const recordSurvey = useCase({
  name: 'contexts.recordSurvey',
  permission: ['context', 'update'],
  input: SurveyInput,
  async run({ db, actor, now }, input) {
    const c = await contextOr404(db, actor.partnershipId, input.id);
    if (input.surveyedOn > ukDate(now)) throw new ValidationProblem([{ field: 'surveyedOn', message: 'The date of the survey must be today or in the past' }]);
    const id = randomUUID();
    await store.insertSurvey(db, {
      partnership_id: actor.partnershipId,
      id,
      context_id: c.id,
      surveyed_on: input.surveyedOn,
      respondents: input.respondents,
      responses: input.responses,
      percent_safe: input.percentSafe,
      notes: input.notes?.trim() || null,
      recorded_by: actor.userId,
      created_at: now,
    });
    return {
      id,
      contextId: c.id,
      surveyedOn: input.surveyedOn,
      respondents: input.respondents,
      responses: input.responses,
      percentSafe: input.percentSafe,
      notes: input.notes?.trim() || null,
    };
  },
  audit: {
    change: 'context.survey_recorded',
    subject: (s) => ({ type: 'context', id: s.contextId, details: { surveyId: s.id, responses: s.responses, percentSafe: s.percentSafe } }),
  },
});

export const reviewContext = useCase({
  name: 'contexts.review',
  permission: ['context', 'update'],
  input: ReviewInput,
  async run({ db, actor, now }, input) {
    const c = await contextOr404(db, actor.partnershipId, input.id, true);
    const errors: FieldError[] = [];
    if (input.reviewedOn > ukDate(now)) errors.push({ field: 'reviewedOn', message: 'The date of the review must be today or in the past' });
    if (input.nextReviewOn && input.nextReviewOn <= input.reviewedOn) errors.push({ field: 'nextReviewOn', message: 'The next review must be after this one' });
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertReview(db, {
      partnership_id: actor.partnershipId,
      id,
      context_id: c.id,
      reviewed_on: input.reviewedOn,
      summary: input.summary.trim(),
      status_after: input.statusAfter,
      next_review_on: input.nextReviewOn ?? null,
      reviewed_by: actor.userId,
      created_at: now,
    });
    await store.setStatus(db, actor.partnershipId, c.id, input.statusAfter, input.nextReviewOn ?? null);
    return { id, contextId: c.id, statusAfter: input.statusAfter, nextReviewOn: input.nextReviewOn ?? null };
  },
  audit: {
    change: 'context.reviewed',
    subject: (r) => ({ type: 'context', id: r.contextId, details: { reviewId: r.id, statusAfter: r.statusAfter, nextReviewOn: r.nextReviewOn } }),
  },
});

/** A plan action about the context in the one tracker (the actions module writes it and its `action.assigned`). */
export const addContextAction = useCase({
  name: 'contexts.addAction',
  permission: ['context', 'update'],
  input: ContextActionInput,
  async run(ctx, input) {
    const c = await contextOr404(ctx.db, ctx.actor.partnershipId, input.id);
    const a = await ctx.call(createAction, {
      sourceKind: 'context',
      sourceId: c.id,
      context: c.name.slice(0, 200),
      title: input.title,
      ownerAgencyId: input.ownerAgencyId,
      dueOn: input.dueOn,
    });
    await store.tagAction(ctx.db, ctx.actor.partnershipId, a.id, c.id);
    return { id: a.id, contextId: c.id, title: a.title };
  },
  audit: { change: 'context.action_added', subject: (a) => ({ type: 'context', id: a.contextId, details: { actionId: a.id, title: typed(a.title) } }) },
});

/** The contexts a child is linked to (the child's page lists them). */
export const contextsOfPerson = useCase({
  name: 'contexts.ofPerson',
  permission: ['context', 'read'],
  input: PersonRef,
  async run({ db, actor }, { personId }) {
    if (!(await store.personById(db, actor.partnershipId, personId))) throw notFound('The person');
    return { personId, contexts: (await store.contextsOfPerson(db, actor.partnershipId, personId)).map(summaryView) };
  },
  audit: {
    read: 'context.person_contexts_viewed',
    subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { contexts: r.contexts.length } }),
  },
});
