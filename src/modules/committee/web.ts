// Committee pages: the list (meetings, promised reports and when each is next due, those overdue), record a
// meeting, a meeting with its questions and resolutions (add a question, answer one, add a resolution), a
// resolution with its produced reports (produce the report now) and one produced report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { ownerChoices } from '../actions/use-cases.ts';
import { REPORT_KIND_LABELS, REPORT_KINDS } from '../reports/figures.ts';
import { CADENCES, promisedReportErrors } from './domain.ts';
import { getReport, getResolution, produceReportNow } from './produce.ts';
import { CreateMeetingInput } from './schemas.ts';
import { addQuestion, addResolution, answerQuestion, createMeeting, getMeeting, listCommittees, spawnAction } from './use-cases.ts';

const meetingPath = (id: string) => `/committees/meetings/${id}`;
const resolutionPath = (id: string) => `/committees/resolutions/${id}`;
const CADENCE_CHOICES = {
  monthly: 'Monthly (calendar months)',
  quarterly: 'Quarterly (April to June, July to September, October to December, January to March)',
};

function idOf(req: FastifyRequest, what: string) {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound(what);
  return id;
}

/** A form's errors named by the form (two forms on one page each have an `answer`). */
const prefixed = (errors: FieldError[], prefix: string) => errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
const text = (form: FormBody, name: string) => one(form[name]).trim();
const optionalText = (form: FormBody, name: string) => (text(form, name) ? { [name.split('.').pop() as string]: one(form[name]) } : {});

export function committeeWeb(app: FastifyInstance) {
  app.get('/committees', { config: { useCases: [listCommittees] } }, async (req, reply) => {
    const list = await req.run(listCommittees, undefined);
    return reply.render('committees.njk', { pageTitle: 'Committee questions and resolutions', ...list, mayRecord: may(req.actor!, 'review', 'create') });
  });

  const newPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('committee-meeting-new.njk', { pageTitle: 'Record a committee meeting', form, errors, today: ukDate(new Date()) });
  app.get('/committees/meetings/new', { config: { useCases: [createMeeting] } }, async (_req, reply) => newPage(reply));
  app.post('/committees/meetings', { preHandler: app.csrfProtection, config: { useCases: [createMeeting] } }, async (req, reply) => {
    const form = req.body as FormBody;
    const held = readDate(form, 'heldOn', 'the date of the meeting', { required: true });
    try {
      // Every error at once, in the page's order: the date's with the schema's for the other fields.
      if (held.error)
        throw new ValidationProblem([
          ...inputErrors(CreateMeetingInput, { committee: one(form.committee), title: one(form.title) }).filter((e) => e.field !== 'heldOn'),
          { field: 'heldOn', message: held.error },
        ]);
      const m = await req.run(createMeeting, { committee: one(form.committee), heldOn: held.value, title: one(form.title) });
      await reply.flash(`Meeting recorded: add the questions asked and the resolutions`);
      return reply.redirect(meetingPath(m.id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return newPage(reply, form, err.errors);
      throw err;
    }
  });

  const meetingPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const meeting = await req.run(getMeeting, { id: idOf(req, 'The committee meeting') });
    return reply.status(errors ? 422 : 200).render('committee-meeting.njk', {
      pageTitle: meeting.title,
      meeting,
      errors,
      form,
      mayUpdate: may(req.actor!, 'review', 'update'),
      unanswered: [
        { value: '', text: 'Choose a question' },
        ...meeting.questions
          .filter((q) => !q.answer)
          .map((q) => ({
            value: String(q.number),
            text: `Question ${q.number}: ${q.question.slice(0, 80)}`,
            selected: String(q.number) === one(form['written.number']),
          })),
      ],
      kinds: [{ value: '', text: 'No recurring report' }, ...REPORT_KINDS.map((k) => ({ value: k, text: REPORT_KIND_LABELS[k] }))].map((k) => ({
        ...k,
        selected: k.value === one(form['resolution.reportKind']),
      })),
      cadences: [{ value: '', text: 'Not promised' }, ...CADENCES.map((c) => ({ value: c, text: CADENCE_CHOICES[c] }))].map((c) => ({
        ...c,
        selected: c.value === one(form['resolution.cadence']),
      })),
    });
  };
  app.get('/committees/meetings/:id', { config: { useCases: [getMeeting] } }, async (req, reply) => meetingPage(req, reply));

  /** A form on the meeting page: its fields are named `prefix.field`; errors come back with the page. */
  const post = (path: string, useCase: AnyUseCase, prefix: string, act: (req: FastifyRequest, form: FormBody, id: string) => Promise<string>) =>
    app.post(path, { preHandler: app.csrfProtection, config: { useCases: [useCase, getMeeting] } }, async (req, reply) => {
      const form = req.body as FormBody;
      const id = idOf(req, 'The committee meeting');
      try {
        await reply.flash(await act(req, form, id));
      } catch (err) {
        if (err instanceof ValidationProblem) return meetingPage(req, reply, prefixed(err.errors, prefix), form);
        throw err;
      }
      return reply.redirect(meetingPath(id), 303);
    });

  /**
   * A form with a date input: runs the use case with the date, or (a date typed wrongly) reports every error at
   * once, in the page's order: the date's with the schema's for the other fields, and writes nothing.
   */
  const withDate = async <T>(
    req: FastifyRequest,
    uc: AnyUseCase,
    form: FormBody,
    name: string,
    what: string,
    input: (on: string | undefined) => Record<string, unknown>,
    rules: (input: Record<string, unknown>) => FieldError[] = () => [],
  ) => {
    const on = readDate(form, name, what);
    const field = name.split('.').pop() as string;
    if (on.error)
      throw new ValidationProblem([
        ...[...inputErrors(uc.input, input(undefined)), ...rules(input(undefined))].filter((e) => e.field !== field),
        { field, message: on.error },
      ]);
    return (await req.run(uc, input(on.value || undefined))) as T;
  };

  post('/committees/meetings/:id/questions', addQuestion, 'question', async (req, form, id) => {
    const r = await withDate<{ number: number }>(req, addQuestion, form, 'question.answeredOn', 'the date of the answer', (answeredOn) => ({
      id,
      askedBy: one(form['question.askedBy']),
      question: one(form['question.question']),
      ...optionalText(form, 'question.answer'),
      ...optionalText(form, 'question.answeredBy'),
      ...(answeredOn ? { answeredOn } : {}),
    }));
    return `Question ${r.number} added`;
  });

  post('/committees/meetings/:id/answers', answerQuestion, 'written', async (req, form, id) => {
    const number = Number(one(form['written.number']));
    const r = await withDate<{ number: number }>(req, answerQuestion, form, 'written.answeredOn', 'the date of the answer', (answeredOn) => ({
      id,
      number: Number.isInteger(number) && number > 0 ? number : 0,
      answer: one(form['written.answer']),
      ...optionalText(form, 'written.answeredBy'),
      ...(answeredOn ? { answeredOn } : {}),
    }));
    return `Answer to question ${r.number} recorded`;
  });

  post('/committees/meetings/:id/resolutions', addResolution, 'resolution', async (req, form, id) => {
    const kind = text(form, 'resolution.reportKind');
    const cadence = text(form, 'resolution.cadence');
    const r = await withDate<{ number: number }>(
      req,
      addResolution,
      form,
      'resolution.firstPeriodStart',
      'the start of the first period',
      (firstPeriodStart) => ({
        id,
        text: one(form['resolution.text']),
        ...optionalText(form, 'resolution.evidencePromised'),
        ...(kind ? { reportKind: kind } : {}),
        ...(cadence ? { cadence } : {}),
        ...(firstPeriodStart ? { firstPeriodStart } : {}),
      }),
      // The promised report's rules for its other parts (the date itself was typed wrongly).
      (i) => promisedReportErrors({ ...i, firstPeriodStart: 'typed' }, ukDate(new Date())),
    );
    return `Resolution ${r.number} added`;
  });

  const resolutionPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const r = await req.run(getResolution, { id: idOf(req, 'The resolution') });
    const mayAct = may(req.actor!, 'review', 'manage') && may(req.actor!, 'action', 'create');
    const agencies = mayAct ? (await req.run(ownerChoices, undefined)).agencies : [];
    return reply.status(errors ? 422 : 200).render('committee-resolution.njk', {
      pageTitle: `Resolution ${r.number}`,
      r,
      errors,
      form,
      mayProduce: may(req.actor!, 'review', 'update'),
      mayAct,
      agencies: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form.ownerAgencyId) }))],
    });
  };
  const resolutionUseCases = [getResolution, ownerChoices];
  app.get('/committees/resolutions/:id', { config: { useCases: resolutionUseCases } }, async (req, reply) => resolutionPage(req, reply));
  app.post(
    '/committees/resolutions/:id/actions',
    { preHandler: app.csrfProtection, config: { useCases: [spawnAction, ...resolutionUseCases] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      const id = idOf(req, 'The resolution');
      try {
        await withDate(req, spawnAction, form, 'dueOn', 'the due date', (dueOn) => ({
          id,
          title: one(form.title),
          ownerAgencyId: one(form.ownerAgencyId),
          ...(dueOn ? { dueOn } : {}),
        }));
      } catch (err) {
        if (err instanceof ValidationProblem) return resolutionPage(req, reply, err.errors, form);
        throw err;
      }
      await reply.flash('Action added to the tracker');
      return reply.redirect(resolutionPath(id), 303);
    },
  );
  app.post('/committees/resolutions/:id/reports', { preHandler: app.csrfProtection, config: { useCases: [produceReportNow] } }, async (req, reply) => {
    const r = await req.run(produceReportNow, { id: idOf(req, 'The resolution') });
    await reply.flash(r.created ? `Report for ${r.report.periodLabel} produced` : `The report for ${r.report.periodLabel} was produced already`);
    return reply.redirect(`/committees/reports/${r.report.id}`, 303);
  });

  app.get('/committees/reports/:id', { config: { useCases: [getReport] } }, async (req, reply) => {
    const r = await req.run(getReport, { id: idOf(req, 'The report') });
    return reply.render('committee-report.njk', {
      pageTitle: `${r.report.kindLabel}: ${r.report.periodLabel}`,
      ...r,
      links: { resolution: resolutionPath(r.resolution.id), meeting: meetingPath(r.meeting.id) },
    });
  });
}
