// Programme pages: the list, "Create a programme", a programme's page (settings, caseload with "End", allocate a
// child's case to a worker, the indicators beside the comparison group's and which records counted), the report
// by programme; the outcome scales; and the child's outcomes (/people/:id/outcomes: charts, tables, record).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, maySeeProgrammeIndicators } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { createScale, listScales, personOutcomes, recordOutcome } from './outcomes.ts';
import { programmeReport } from './report.ts';
import { allocate, allocationChoices, createProgramme, getProgramme, leave, listProgrammes, programmeIndicators } from './use-cases.ts';
import { chartsOf, dateErrors, dateItems, pageDate, programmeForm, programmeInput, scaleInput } from './web-forms.ts';

const uuid = (req: FastifyRequest, what: string) => {
  const id = (req.params as { id: string }).id;
  if (!isUuid(id)) throw notFound(what);
  return id;
};
const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
/** Catches field errors for the page to show again with what was typed; anything else goes on to the error page. */
async function orErrors<T>(f: () => Promise<T>): Promise<{ ok: T } | { errors: FieldError[] }> {
  try {
    return { ok: await f() };
  } catch (err) {
    if (err instanceof ValidationProblem) return { errors: err.errors };
    throw err;
  }
}

export function programmesWeb(app: FastifyInstance) {
  app.get('/programmes', { config: { useCases: [listProgrammes] } }, async (req, reply) =>
    reply.render('programmes.njk', {
      pageTitle: 'Programmes',
      programmes: await req.run(listProgrammes, undefined),
      mayCreate: may(req.actor!, 'programme', 'create'),
      mayScales: may(req.actor!, 'outcome_scale', 'create'),
      mayReport: may(req.actor!, 'programme_report', 'read'),
    }),
  );

  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) =>
    reply
      .status(errors ? 422 : 200)
      .render('programme-form.njk', { pageTitle: 'Create a programme', errors, ...programmeForm(form, await req.run(listScales, undefined)) });
  app.get('/programmes/new', { config: { useCases: [createProgramme, listScales] } }, (req, reply) => newPage(req, reply, {}));
  app.post('/programmes/new', { preHandler: app.csrfProtection, config: { useCases: [createProgramme, listScales] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const r = await orErrors(() => req.run(createProgramme, programmeInput(f)));
    if ('errors' in r) return newPage(req, reply, f, dateErrors(r.errors, f, { startsOn: 'the start date' }));
    await reply.flash(`${r.ok.name} created`);
    return reply.redirect(`/programmes/${r.ok.id}`, 303);
  });

  app.get('/programmes/report', { config: { useCases: [programmeReport] } }, async (req, reply) => {
    const q = req.query as FormBody;
    const period = clean({ from: opt(one(q.from)), to: opt(one(q.to)) });
    const r = await orErrors(() => req.run(programmeReport, period));
    return reply.status('errors' in r ? 422 : 200).render('programme-report.njk', {
      pageTitle: 'Programme caseloads and indicators',
      period,
      ...('errors' in r ? { errors: r.errors } : { report: r.ok }),
    });
  });

  const page = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const id = uuid(req, 'The programme');
    const p = await req.run(getProgramme, { id });
    const q = req.query as FormBody;
    const period = clean({ from: opt(one(q.from)), to: opt(one(q.to)) });
    const mayUpdate = may(req.actor!, 'programme', 'update');
    const choices = mayUpdate ? await req.run(allocationChoices, { id }) : null;
    let indicators = null;
    let periodErrors: FieldError[] | undefined;
    if (maySeeProgrammeIndicators(req.actor!)) {
      const r = await orErrors(() => req.run(programmeIndicators, { id, ...period }));
      if ('errors' in r) periodErrors = r.errors;
      else indicators = r.ok;
    }
    const all = [...(errors ?? []), ...(periodErrors ?? [])];
    return reply.status(all.length ? 422 : 200).render('programme-show.njk', {
      pageTitle: p.name,
      p,
      errors: all.length ? all : undefined,
      form,
      joinedOn: dateItems(form, 'joinedOn'),
      period,
      indicators,
      mayUpdate,
      current: p.caseload.filter((a) => a.leftOn === null),
      past: p.caseload.filter((a) => a.leftOn !== null),
      children: [
        { value: '', text: 'Choose a child' },
        ...(choices?.children ?? []).map((c) => ({ value: c.personId, text: c.name, selected: c.personId === one(form.personId) })),
      ],
      workers: [
        { value: '', text: 'Choose a worker' },
        ...(choices?.workers ?? []).map((u) => ({ value: u.id, text: u.name, selected: u.id === one(form.workerId) })),
      ],
    });
  };
  const pageUseCases = [getProgramme, allocationChoices, programmeIndicators];
  app.get('/programmes/:id', { config: { useCases: pageUseCases } }, (req, reply) => page(req, reply));
  app.post('/programmes/:id/allocations', { preHandler: app.csrfProtection, config: { useCases: [allocate, ...pageUseCases] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const id = (req.params as { id: string }).id;
    const input = clean({ id, personId: one(f.personId), workerId: one(f.workerId), joinedOn: pageDate(f, 'joinedOn', 'the date joined', false) });
    const r = await orErrors(() => req.run(allocate, input));
    if ('errors' in r) return page(req, reply, dateErrors(r.errors, f, { joinedOn: 'the date joined' }), f);
    await reply.flash(`${r.ok.childName} joined ${r.ok.programmeName}`);
    return reply.redirect(`/programmes/${id}`, 303);
  });
  app.post('/programmes/:id/leave', { preHandler: app.csrfProtection, config: { useCases: [leave, ...pageUseCases] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const id = (req.params as { id: string }).id;
    const allocationId = one(f.allocationId);
    const r = await orErrors(() => req.run(leave, clean({ id, allocationId, reason: opt(one(f[`reason-${allocationId}`])) })));
    if ('errors' in r)
      return page(
        req,
        reply,
        r.errors.map((e) => ({ ...e, field: e.field === 'reason' ? `reason-${allocationId}` : e.field })),
        f,
      );
    await reply.flash(`${r.ok.childName} left ${r.ok.programmeName}`);
    return reply.redirect(`/programmes/${id}`, 303);
  });

  const scalesPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('outcome-scales.njk', {
      pageTitle: 'Outcome scales',
      scales: await req.run(listScales, undefined),
      mayCreate: may(req.actor!, 'outcome_scale', 'create'),
      form,
      errors,
    });
  app.get('/outcome-scales', { config: { useCases: [listScales] } }, (req, reply) => scalesPage(req, reply));
  app.post('/outcome-scales', { preHandler: app.csrfProtection, config: { useCases: [createScale, listScales] } }, async (req, reply) => {
    const f = req.body as FormBody;
    const r = await orErrors(() => req.run(createScale, scaleInput(f)));
    if ('errors' in r) return scalesPage(req, reply, f, r.errors);
    await reply.flash(`${r.ok.name} added`);
    return reply.redirect('/outcome-scales', 303);
  });

  const outcomesPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const id = uuid(req, 'The person');
    const { frame } = await loadPersonFrame(req, id, 'outcomes');
    const outcomes = await req.run(personOutcomes, { personId: id });
    return reply.status(errors ? 422 : 200).render('person-outcomes.njk', {
      pageTitle: `Outcomes for ${frame.name}`,
      frame,
      personId: id,
      recordedOn: dateItems(form, 'recordedOn', ukDate(new Date())),
      today: dateItems({}, 'recordedOn', ukDate(new Date())),
      scales: chartsOf(outcomes.scales),
      mayRecord: may(req.actor!, 'case', 'update'),
      errors,
      form,
    });
  };
  const outcomeUseCases = [personOutcomes, ...frameUseCases];
  app.get('/people/:id/outcomes', { config: { useCases: outcomeUseCases } }, (req, reply) => outcomesPage(req, reply));
  app.post(
    '/people/:id/outcomes',
    { preHandler: app.csrfProtection, config: { useCases: [recordOutcome, listScales, ...outcomeUseCases] } },
    async (req, reply) => {
      const f = req.body as FormBody;
      const personId = (req.params as { id: string }).id;
      const scaleId = one(f.scaleId);
      const scale = (await req.run(listScales, undefined)).find((s) => s.id === scaleId);
      const scores: Record<string, number> = {};
      const num = (v: string) => (v.trim() === '' ? undefined : Number(v.trim()));
      if (scale?.kind === 'star')
        for (const [i, a] of scale.areas.entries()) {
          const v = num(one(f[`scores-${i}`]));
          if (v !== undefined) scores[a] = v;
        }
      else Object.assign(scores, clean({ value: num(one(f.value)) }));
      const recordedOn = pageDate(f, 'recordedOn', 'the date recorded', true) as string;
      const r = await orErrors(() => req.run(recordOutcome, { personId, scaleId, recordedOn, scores }));
      if ('errors' in r)
        return outcomesPage(
          req,
          reply,
          dateErrors(r.errors, f, { recordedOn: 'the date recorded' }).map((e) => ({ ...e, field: `s${scaleId}.${e.field}` })),
          f,
        );
      await reply.flash(`${r.ok.scaleName} recorded`);
      return reply.redirect(`/people/${personId}/outcomes`, 303);
    },
  );
}
