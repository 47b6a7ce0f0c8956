// Standards pages: the frameworks, a new framework, one framework's schedule (due this quarter, overdue, each
// standard's latest rating), and the self-assessment form of one standard with its earlier assessments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ownerChoices } from '../actions/use-cases.ts';
import { DEFAULT_PER_QUARTER, evidenceLinkErrors, isFirstOfMonth, RATING_LABELS, RATINGS } from './domain.ts';
import { AssessInput, CreateFrameworkInput } from './schemas.ts';
import { assessStandard, changeWording, createFramework, getFramework, getStandard, listFrameworks } from './use-cases.ts';

const LINK_ROWS = 3;
const frameworkPath = (id: string) => `/standards/${id}`;
const standardPath = (id: string, n: number) => `/standards/${id}/standards/${n}`;
const assessPath = (id: string, n: number) => `${standardPath(id, n)}/assess`;

function ref(req: FastifyRequest) {
  const p = req.params as { id: string; number?: string };
  if (!isUuid(p.id)) throw notFound('The standards framework');
  const number = p.number === undefined ? 0 : Number(p.number);
  if (p.number !== undefined && !(Number.isInteger(number) && number > 0 && number < 1000)) throw notFound('The standard');
  return { id: p.id, number };
}

/** "Title: what it means" a line, numbered in order; errors on a line's standard point at the text area. */
export function readStandardLines(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const at = line.indexOf(': ');
      const title = at > 0 ? line.slice(0, at).trim() : line;
      const description = at > 0 ? line.slice(at + 2).trim() : '';
      return { number: i + 1, title, ...(description ? { description } : {}) };
    });
}

/** One message a field: the page's own check of a date wins over the schema's. */
const uniqueFields = (errors: FieldError[]) => errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);

const onLines = (errors: FieldError[]) =>
  errors.map((e) => {
    const m = /^standards\[(\d+)\]/.exec(e.field);
    return m ? { field: 'standards', message: `Line ${Number(m[1]) + 1}: ${e.message}` } : e;
  });

export function standardsWeb(app: FastifyInstance) {
  app.get('/standards', { config: { useCases: [listFrameworks] } }, async (req, reply) =>
    reply.render('standards.njk', {
      pageTitle: 'Standards frameworks',
      frameworks: await req.run(listFrameworks, undefined),
      mayCreate: may(req.actor!, 'review', 'create'),
    }),
  );

  const newPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('standards-new.njk', {
      pageTitle: 'Create a standards framework',
      errors,
      form: { perQuarter: String(DEFAULT_PER_QUARTER), ...form },
    });
  app.get('/standards/new', { config: { useCases: [createFramework] } }, async (_req, reply) => newPage(reply));
  app.post('/standards', { preHandler: app.csrfProtection, config: { useCases: [createFramework] } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      const starts = readDate(form, 'startsOn', 'the day the cycle starts', { required: true });
      const perQuarter = one(form.perQuarter).trim();
      const errors: FieldError[] = [];
      if (starts.error) errors.push({ field: 'startsOn', message: starts.error });
      else if (!isFirstOfMonth(starts.value)) errors.push({ field: 'startsOn', message: 'The cycle must start on the first day of a month' });
      if (perQuarter && !/^\d{1,2}$/.test(perQuarter))
        errors.push({ field: 'perQuarter', message: 'Enter how many standards are reviewed a quarter, as a number' });
      const standards = readStandardLines(one(form.standards));
      if (!standards.length) errors.push({ field: 'standards', message: 'Add the standards, one a line' });
      const description = one(form.description).trim();
      const input = {
        name: one(form.name),
        ...(description ? { description } : {}),
        ...(perQuarter && !Number.isNaN(Number(perQuarter)) ? { perQuarter: Number(perQuarter) } : {}),
        startsOn: starts.value,
        standards,
      };
      // Every error at once: the schema's too when a date or number was already wrong.
      if (errors.length) throw new ValidationProblem(uniqueFields([...errors, ...inputErrors(CreateFrameworkInput, input)]));
      const r = await req.run(createFramework, input);
      await reply.flash(`${r.name} created with ${r.standards} standards`);
      return reply.redirect(frameworkPath(r.id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return newPage(reply, form, onLines(err.errors));
      throw err;
    }
  });

  app.get('/standards/:id', { config: { useCases: [getFramework] } }, async (req, reply) => {
    const framework = await req.run(getFramework, { id: ref(req).id });
    return reply.render('standards-framework.njk', { pageTitle: framework.name, framework, mayAssess: may(req.actor!, 'review', 'update') });
  });

  const standardPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form?: FormBody) => {
    const { id, number } = ref(req);
    const s = await req.run(getStandard, { id, number });
    return reply.status(errors ? 422 : 200).render('standards-standard.njk', {
      pageTitle: `Standard ${s.standard.number}: ${s.standard.title}`,
      ...s,
      errors,
      form: form ?? { title: s.standard.title, description: s.standard.description ?? '' },
      mayAssess: may(req.actor!, 'review', 'update'),
      mayReword: may(req.actor!, 'review', 'manage'),
      links: { framework: frameworkPath(id), assess: assessPath(id, number), wording: `${standardPath(id, number)}/wording` },
    });
  };
  app.get('/standards/:id/standards/:number', { config: { useCases: [getStandard] } }, async (req, reply) => standardPage(req, reply));
  app.post(
    '/standards/:id/standards/:number/wording',
    { preHandler: app.csrfProtection, config: { useCases: [changeWording, getStandard] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      const { id, number } = ref(req);
      try {
        const description = one(form.description).trim();
        await req.run(changeWording, { id, number, title: one(form.title), ...(description ? { description } : {}) });
      } catch (err) {
        if (err instanceof ValidationProblem) return standardPage(req, reply, err.errors, form);
        throw err;
      }
      await reply.flash(`Standard ${number}’s wording saved`);
      return reply.redirect(standardPath(id, number), 303);
    },
  );

  const assessPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const { id, number } = ref(req);
    const s = await req.run(getStandard, { id, number });
    const mayAct = may(req.actor!, 'action', 'create');
    const agencies = mayAct ? (await req.run(ownerChoices, undefined)).agencies : [];
    const chosenQuarter = one(form.quarter) || s.quarters.find((q) => q.isDefault)?.startsOn;
    return reply.status(errors ? 422 : 200).render('standards-assess.njk', {
      pageTitle: `Assess standard ${s.standard.number}`,
      ...s,
      errors,
      form,
      mayAct,
      links: { framework: frameworkPath(id), assess: assessPath(id, number) },
      linkRows: Array.from({ length: LINK_ROWS }, (_, i) => i),
      quarterItems: s.quarters.map((q) => ({ value: q.startsOn, text: q.label, selected: q.startsOn === chosenQuarter })),
      ratingItems: RATINGS.map((r) => ({ value: r, text: RATING_LABELS[r], checked: r === one(form.rating) })),
      agencies: [
        { value: '', text: 'Choose an agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form['actions[0].ownerAgencyId']) })),
      ],
    });
  };
  const assessUseCases = [assessStandard, getStandard, ownerChoices];
  app.get('/standards/:id/standards/:number/assess', { config: { useCases: assessUseCases } }, async (req, reply) => assessPage(req, reply));
  app.post('/standards/:id/standards/:number/assess', { preHandler: app.csrfProtection, config: { useCases: assessUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    const { id, number } = ref(req);
    try {
      const errors: FieldError[] = [];
      const assessed = readDate(form, 'assessedOn', 'the date of the assessment');
      if (assessed.error) errors.push({ field: 'assessedOn', message: assessed.error });
      const evidenceLinks = Array.from({ length: LINK_ROWS }, (_, i) => ({
        title: one(form[`evidenceLinks[${i}].title`]).trim(),
        url: one(form[`evidenceLinks[${i}].url`]).trim(),
      })).filter((l) => l.title || l.url);
      const title = one(form['actions[0].title']).trim();
      const agency = one(form['actions[0].ownerAgencyId']);
      const due = readDate(form, 'actions[0].dueOn', 'the due date', { required: !!(title || agency) });
      if (due.error) errors.push({ field: 'actions[0].dueOn', message: due.error });
      const actions = title || agency || due.value ? [{ title, ownerAgencyId: agency, ...(due.value ? { dueOn: due.value } : {}) }] : [];
      const rating = one(form.rating);
      const quarter = one(form.quarter);
      const input = {
        id,
        number,
        ...(rating ? { rating } : {}),
        evidenceSummary: one(form.evidenceSummary),
        ...(evidenceLinks.length ? { evidenceLinks } : {}),
        ...(assessed.value ? { assessedOn: assessed.value } : {}),
        ...(quarter ? { quarter } : {}),
        ...(actions.length ? { actions } : {}),
      };
      // Every error at once: the page's dates, the schema's and the links' (the use case checks them again).
      errors.push(...inputErrors(AssessInput, input), ...evidenceLinkErrors(evidenceLinks));
      if (errors.length) throw new ValidationProblem(uniqueFields(errors));
      await req.run(assessStandard, input as never);
      await reply.flash(`Standard ${number} assessed`);
      return reply.redirect(frameworkPath(id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return assessPage(req, reply, err.errors, form);
      throw err;
    }
  });
}
