// Training pages: cohorts and their compliance, courses and cohorts (new), recording a completion, reminders, and
// a cohort's members as CSV or XLSX. Imports, awareness and reports have their own files (web-*.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { RULE_LABELS, RULES, readDate } from './domain.ts';
import {
  cohortCompliance,
  cohortFigures,
  cohortMembers,
  createCohort,
  createCourse,
  listCohorts,
  listCourses,
  recordCompletion,
  sendReminders,
} from './use-cases/courses.ts';
import { memberStatusLabel, ragTag, type Table, toCsv, toXlsx, trendBars } from './view.ts';
import { trainingAwarenessWeb } from './web-awareness.ts';
import { trainingImportsWeb } from './web-imports.ts';
import { trainingReportsWeb } from './web-reports.ts';

/** A whole number typed in a form, as a number; anything else stays text so the schema names the field. */
export const int = (v: string | string[] | undefined) => {
  const s = one(v).trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : s === '' ? undefined : s;
};
/** Blank form fields are absent, so the schema says which are required. */
export const filled = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined));

/** A date typed as 2026-03-01 or 1/3/2026, as YYYY-MM-DD; anything else as typed, for the schema to refuse. */
export const dateField = (v: string | string[] | undefined) => readDate(one(v)) ?? one(v).trim();

export const cohortId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The cohort');
  return id;
};

/** Runs a form's use case; on errors, renders the form again with them (422). */
export async function formPost<T>(reply: FastifyReply, submit: () => Promise<T>, again: (errors: FieldError[]) => unknown, done: (r: T) => string) {
  try {
    const r = await submit();
    return reply.redirect(done(r), 303);
  } catch (err) {
    if (err instanceof ValidationProblem) {
      reply.status(422);
      return again(err.errors);
    }
    throw err;
  }
}

function membersTable(c: Awaited<ReturnType<typeof cohortMembers.run>>): Table {
  return {
    title: `${c.cohort.name} members`,
    headers: ['Reference', 'Name', 'Organisation', 'Status', 'Compliant', 'Due by', 'Last completed'],
    rows: c.members.map((m) => [
      m.reference,
      m.name,
      m.org_name,
      memberStatusLabel(m.state.status),
      m.state.compliant ? 'Yes' : 'No',
      m.state.dueOn,
      m.completions.length ? m.completions.reduce((a, b) => (a > b ? a : b)) : null,
    ]),
  };
}

export function trainingWeb(app: FastifyInstance) {
  app.get('/training', { config: { useCases: [cohortFigures] } }, async (req, reply) => {
    const cohorts = await req.run(cohortFigures);
    const actor = req.actor!;
    return reply.render('training.njk', {
      pageTitle: 'Training and awareness',
      cohorts: cohorts.map((c) => ({ ...c, ragTag: ragTag(c.rag) })),
      canManage: may(actor, 'training', 'manage'),
      canCreate: may(actor, 'training', 'create'),
      canReport: may(actor, 'training_report', 'read'),
      today: ukDate(new Date()),
    });
  });

  app.get('/training/cohorts/:id', { config: { useCases: [cohortCompliance] } }, async (req, reply) => {
    const q = req.query as { status?: string };
    const status = (['overdue', 'due_soon', 'not_yet_due', 'compliant'] as const).find((s) => s === q.status) ?? 'overdue';
    const c = await req.run(cohortCompliance, { id: cohortId(req), status });
    return reply.render('training-cohort.njk', {
      pageTitle: c.cohort.name,
      c,
      ragTag: ragTag(c.summary.rag),
      rule: RULE_LABELS[c.cohort.rule as keyof typeof RULE_LABELS],
      bars: trendBars(c.trend),
      status,
      listed: c.listed,
      listedMore: c.listedMore,
      canRemind: may(req.actor!, 'training', 'update'),
    });
  });

  app.get('/training/cohorts/:id/members.csv', { config: { useCases: [cohortMembers] } }, async (req, reply) => {
    const c = await req.run(cohortMembers, { id: cohortId(req) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="cohort-members.csv"')
      .send(toCsv([membersTable(c)]));
  });

  app.get('/training/cohorts/:id/members.xlsx', { config: { useCases: [cohortMembers] } }, async (req, reply) => {
    const c = await req.run(cohortMembers, { id: cohortId(req) });
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="cohort-members.xlsx"')
      .send(await toXlsx([membersTable(c)]));
  });

  app.post('/training/cohorts/:id/reminders', { preHandler: app.csrfProtection, config: { useCases: [sendReminders] } }, async (req, reply) => {
    const id = cohortId(req);
    const r = await req.run(sendReminders, { cohortId: id });
    await reply.flash(`${r.inApp.length} reminded in Jigsaw, ${r.queued} queued for e-mail.`);
    return reply.redirect(`/training/cohorts/${id}`, 303);
  });

  // ---- new course, new cohort ----

  const coursePage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.render('training-course-new.njk', { pageTitle: 'Add a course', form, errors });
  app.get('/training/courses/new', { config: { useCases: [createCourse] } }, async (_req, reply) => coursePage(reply));
  app.post('/training/courses/new', { preHandler: app.csrfProtection, config: { useCases: [createCourse] } }, async (req, reply) => {
    const form = req.body as FormBody;
    const validity = int(form.validityMonths);
    return formPost(
      reply,
      () =>
        req.run(createCourse, filled({ name: one(form.name).trim(), level: one(form.level).trim(), validityMonths: validity === undefined ? null : validity })),
      (errors) => coursePage(reply, form, errors),
      () => '/training/cohorts/new?courseAdded=1',
    );
  });

  const cohortPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const courses = await req.run(listCourses);
    return reply.render('training-cohort-new.njk', {
      pageTitle: 'Add a cohort',
      form,
      errors,
      courseAdded: 'courseAdded' in (req.query as object),
      courses: [{ value: '', text: 'Choose a course' }, ...courses.map((c) => ({ value: c.id, text: c.name, selected: c.id === form.courseId }))],
      rules: RULES.map((r) => ({ value: r, text: RULE_LABELS[r], checked: r === form.rule })),
    });
  };
  app.get('/training/cohorts/new', { config: { useCases: [createCohort, listCourses] } }, async (req, reply) => cohortPage(req, reply));
  app.post('/training/cohorts/new', { preHandler: app.csrfProtection, config: { useCases: [createCohort, listCourses] } }, async (req, reply) => {
    const form = req.body as FormBody;
    return formPost(
      reply,
      () =>
        req.run(
          createCohort,
          filled({
            name: one(form.name).trim(),
            courseId: one(form.courseId),
            rule: one(form.rule),
            months: int(form.months),
            startDate: dateField(form.startDate),
            dueSoonDays: int(form.dueSoonDays),
            greenPct: int(form.greenPct),
            amberPct: int(form.amberPct),
          }),
        ),
      (errors) => cohortPage(req, reply, form, errors),
      (r) => `/training/cohorts/${r.id}`,
    );
  });

  // ---- record a completion ----

  const completionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const cohorts = await req.run(listCohorts);
    const chosen = form.cohortId ?? (req.query as { cohortId?: string }).cohortId;
    return reply.render('training-completion-new.njk', {
      pageTitle: 'Record a completion',
      form,
      errors,
      cohorts: [
        { value: '', text: 'Choose a cohort' },
        ...cohorts.map((c) => ({ value: c.id, text: `${c.name} (${c.course_name})`, selected: c.id === chosen })),
      ],
    });
  };
  app.get('/training/completions/new', { config: { useCases: [recordCompletion, listCohorts] } }, async (req, reply) => completionPage(req, reply));
  app.post('/training/completions/new', { preHandler: app.csrfProtection, config: { useCases: [recordCompletion, listCohorts] } }, async (req, reply) => {
    const form = req.body as FormBody;
    return formPost(
      reply,
      () =>
        req.run(
          recordCompletion,
          filled({
            cohortId: one(form.cohortId),
            reference: one(form.reference).trim(),
            name: one(form.name).trim(),
            organisation: one(form.organisation).trim(),
            email: one(form.email).trim(),
            completedOn: dateField(form.completedOn),
          }),
        ),
      (errors) => completionPage(req, reply, form, errors),
      (r) => `/training/cohorts/${r.cohortId}?recorded=1`,
    );
  });

  trainingImportsWeb(app);
  trainingAwarenessWeb(app);
  trainingReportsWeb(app);
}
