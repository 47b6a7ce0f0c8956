// Courses, organisations, cohorts and their members' completions (by page and API), compliance and reminders.
import { auditActor } from '../../../platform/access/actor.ts';
import { notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { MEMBER_STATUS_LABELS } from '../domain.ts';
import { CohortBody, CohortPageInput, CompletionBody, CourseBody, IdInput, OrgBody, ReachStatusInput, RemindInput } from '../schemas.ts';
import * as store from '../store.ts';
import { allCohorts, cohortPage, oneCohort } from './compliance.ts';

const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export const listCourses = useCase({
  name: 'training.courses',
  permission: ['training', 'read'],
  input: undefined,
  run: ({ db, actor }) => store.courses(db, actor.partnershipId),
  audit: { none: 'reference data: the partnership’s courses' },
});

export const createCourse = useCase({
  name: 'training.createCourse',
  permission: ['training', 'manage'],
  input: CourseBody,
  async run({ db, actor }, c) {
    const name = c.name.trim();
    if (await store.courseNamed(db, actor.partnershipId, name))
      throw new ValidationProblem([{ field: 'name', message: 'There is already a course with this name' }]);
    const id = await store.insertCourse(db, actor.partnershipId, { name, level: clean(c.level), validityMonths: c.validityMonths ?? null });
    return { id, name };
  },
  audit: {
    change: 'training_course.created',
    subject: (c, input) => ({ type: 'training_course', id: c.id, details: { name: c.name, validityMonths: input.validityMonths ?? null } }),
  },
});

export const createCohort = useCase({
  name: 'training.createCohort',
  permission: ['training', 'manage'],
  input: CohortBody,
  async run({ db, actor }, h) {
    const name = h.name.trim();
    const errors = [];
    if (await store.findCohort(db, actor.partnershipId, { name })) errors.push({ field: 'name', message: 'There is already a cohort with this name' });
    if (!(await store.findCourse(db, actor.partnershipId, h.courseId))) errors.push({ field: 'courseId', message: 'Choose the course' });
    if (h.rule === 'by_date' && !h.startDate) errors.push({ field: 'startDate', message: 'Enter the date the period starts' });
    const green = h.greenPct ?? 90;
    const amber = h.amberPct ?? 75;
    if (amber > green) errors.push({ field: 'amberPct', message: 'The amber threshold must not be above the green one' });
    if (errors.length) throw new ValidationProblem(errors);
    const id = await store.insertCohort(db, actor.partnershipId, {
      name,
      courseId: h.courseId,
      rule: h.rule,
      months: h.months,
      startDate: h.rule === 'by_date' ? (h.startDate ?? null) : null,
      dueSoonDays: h.dueSoonDays ?? 30,
      greenPct: green,
      amberPct: amber,
    });
    return { id, name };
  },
  audit: {
    change: 'training_cohort.created',
    subject: (c, h) => ({ type: 'training_cohort', id: c.id, details: { name: c.name, rule: h.rule, months: h.months } }),
  },
});

/** Every cohort's figures today: counts only (GET /api/v1/training/cohorts and the training page). */
export const cohortFigures = useCase({
  name: 'training.cohortFigures',
  permission: ['training', 'read'],
  input: undefined,
  noTransaction: true,
  run: ({ db, actor, now }) => allCohorts(db, actor.partnershipId, ukDate(now)),
  audit: { none: 'counts of members by compliance, no one named' },
});

export const listCohorts = useCase({
  name: 'training.cohorts',
  permission: ['training', 'read'],
  input: undefined,
  run: ({ db, actor }) => store.cohorts(db, actor.partnershipId),
  audit: { none: 'reference data: cohort names and rules' },
});

/** One cohort with its members named: who is compliant, due soon, overdue. */
/** The cohort page: figures, organisations and trend counted in SQL, and up to 500 members with a status. */
export const cohortCompliance = useCase({
  name: 'training.cohortCompliance',
  permission: ['training', 'read'],
  input: CohortPageInput,
  async run({ db, actor, now }, { id, status }) {
    const cohort = await store.findCohort(db, actor.partnershipId, { id });
    if (!cohort) throw notFound('The cohort');
    const s = status ?? 'overdue';
    return { cohort, status: s, ...(await cohortPage(db, actor.partnershipId, cohort, ukDate(now), s)) };
  },
  audit: {
    read: 'training_cohort.viewed',
    subject: (c) => ({ type: 'training_cohort', id: c.cohort.id, details: { members: c.summary.members, listed: c.listed.length, status: c.status } }),
  },
});

/** Every member of a cohort with their state, for the CSV and XLSX. */
export const cohortMembers = useCase({
  name: 'training.cohortMembers',
  permission: ['training', 'read'],
  input: IdInput,
  async run({ db, actor, now }, { id }) {
    const cohort = await store.findCohort(db, actor.partnershipId, { id });
    if (!cohort) throw notFound('The cohort');
    const { members } = await oneCohort(db, actor.partnershipId, cohort, ukDate(now), 1);
    return { cohort, members };
  },
  audit: { read: 'training_cohort.members_exported', subject: (c) => ({ type: 'training_cohort', id: c.cohort.id, details: { members: c.members.length } }) },
});

export const listOrgs = useCase({
  name: 'training.orgs',
  permission: ['training', 'read'],
  input: undefined,
  run: ({ db, actor }) => store.orgs(db, actor.partnershipId),
  audit: { none: 'reference data: organisations' },
});

export const createOrg = useCase({
  name: 'training.createOrg',
  permission: ['training', 'create'],
  input: OrgBody,
  async run({ db, actor }, o) {
    const name = o.name.trim();
    if (await store.orgNamed(db, actor.partnershipId, name))
      throw new ValidationProblem([{ field: 'name', message: 'There is already an organisation with this name' }]);
    const id = await store.insertOrg(db, actor.partnershipId, { name, kind: o.kind, reachStatus: o.reachStatus ?? null, reachNotes: clean(o.reachNotes) });
    return { id, name };
  },
  audit: {
    change: 'training_org.created',
    subject: (o, input) => ({ type: 'training_org', id: o.id, details: { name: o.name, kind: input.kind, reachStatus: input.reachStatus ?? null } }),
  },
});

export const setReach = useCase({
  name: 'training.setReach',
  permission: ['training', 'update'],
  input: ReachStatusInput,
  async run({ db, actor, now }, { id, reachStatus }) {
    const org = await store.findOrg(db, actor.partnershipId, id);
    if (!org) throw notFound('The organisation');
    await store.setReachStatus(db, actor.partnershipId, id, reachStatus, now);
    return { id, from: org.reach_status, to: reachStatus };
  },
  audit: {
    change: 'training_org.reach_changed',
    subject: (o) => (o.from === o.to ? null : { type: 'training_org', id: o.id, details: { from: o.from, to: o.to } }),
  },
});

/** A completion by page or API; the member is added to the cohort if new. Recording it twice adds nothing. */
export const recordCompletion = useCase({
  name: 'training.recordCompletion',
  permission: ['training', 'create'],
  input: CompletionBody,
  async run({ db, actor, now }, c) {
    const today = ukDate(now);
    if (c.completedOn > today) throw new ValidationProblem([{ field: 'completedOn', message: 'The date completed must be today or in the past' }]);
    const cohort = await store.findCohort(db, actor.partnershipId, { id: c.cohortId });
    if (!cohort) throw new ValidationProblem([{ field: 'cohortId', message: 'Choose the cohort' }]);
    const orgName = clean(c.organisation);
    let orgId: string | null = null;
    if (orgName)
      orgId =
        (await store.orgNamed(db, actor.partnershipId, orgName))?.id ?? (await store.insertOrg(db, actor.partnershipId, { name: orgName, kind: 'other' }));
    const reference = c.reference.trim();
    const member = await store.upsertMember(db, actor.partnershipId, {
      cohortId: cohort.id,
      reference,
      name: c.name.trim(),
      orgId,
      email: clean(c.email)?.toLowerCase() ?? null,
      joinedOn: c.completedOn < today ? c.completedOn : today,
    });
    const done = await store.insertCompletion(db, actor.partnershipId, {
      memberId: member.id,
      courseId: cohort.course_id,
      completedOn: c.completedOn,
      source: actor.via === 'token' ? 'api' : 'page',
      recordedBy: auditActor(actor).id,
    });
    return { id: done.id, memberId: member.id, cohortId: cohort.id, reference, completedOn: c.completedOn, created: done.created };
  },
  audit: {
    change: 'training_completion.recorded',
    subject: (c) =>
      c.created ? { type: 'training_completion', id: c.id, details: { cohortId: c.cohortId, memberId: c.memberId, completedOn: c.completedOn } } : null,
  },
});

/**
 * Reminds every member of a cohort who is overdue or due soon: in-app (a notification) when they have a Jigsaw
 * account, otherwise queued for e-mail when an address is held (sent once notifications can e-mail, issue 12).
 */
export const sendReminders = useCase({
  name: 'training.sendReminders',
  permission: ['training', 'update'],
  input: RemindInput,
  async run({ db, actor, now }, { cohortId }) {
    const cohort = await store.findCohort(db, actor.partnershipId, { id: cohortId });
    if (!cohort) throw notFound('The cohort');
    await store.linkMembersToUsers(db, actor.partnershipId);
    const { members } = await oneCohort(db, actor.partnershipId, cohort, ukDate(now), 1);
    const due = members.filter((m) => m.state.status === 'overdue' || m.state.status === 'due_soon');
    const rows: { memberId: string; channel: string; status: string; reason: string }[] = [];
    const inApp: { userId: string; memberId: string; status: string; dueOn: string | null }[] = [];
    let noContact = 0;
    for (const m of due) {
      const reason = MEMBER_STATUS_LABELS[m.state.status];
      if (m.user_id) {
        rows.push({ memberId: m.id, channel: 'in_app', status: 'sent', reason });
        inApp.push({ userId: m.user_id, memberId: m.id, status: reason, dueOn: m.state.dueOn });
      } else if (m.email) rows.push({ memberId: m.id, channel: 'email', status: 'queued', reason });
      else noContact++;
    }
    await store.insertReminders(db, actor.partnershipId, rows);
    return { cohort: { id: cohort.id, name: cohort.name, course: cohort.course_name }, inApp, queued: rows.length - inApp.length, noContact };
  },
  audit: {
    change: 'training.reminded',
    subject: (r) => [
      { type: 'training_cohort', id: r.cohort.id, details: { inApp: r.inApp.length, queuedForEmail: r.queued, noContact: r.noContact } },
      // One event per member with an account: the notifications consumer tells them in-app.
      ...r.inApp.map((m) => ({
        type: 'training_member',
        id: m.memberId,
        details: { userId: m.userId, cohort: r.cohort.name, course: r.cohort.course, status: m.status, dueOn: m.dueOn },
      })),
    ],
  },
});
