// Information request pages: the hub asks from a referral; an agency's list "Information requests" and the answer page.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, mayOnInformationRequest } from '../../platform/access/rules.ts';
import { asList, dateInput, dateParts, type FormBody, one } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { isIsoDate, ukDate } from '../../platform/time.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { getReferral } from '../referrals/use-cases.ts';
import { defaultDueDate } from './domain.ts';
import { AnswerBody, SendRequestBody } from './schemas.ts';
import * as ir from './use-cases.ts';

const FILTERS = { outstanding: 'Outstanding', overdue: 'Overdue', answered: 'Answered', all: 'All' } as const;
type Filter = keyof typeof FILTERS;

const SEND_ORDER = ['agencyIds', 'question', 'dueDate'];
const inOrder = (errors: FieldError[]) =>
  [...errors].sort((a, b) => SEND_ORDER.indexOf(a.field.replace(/\[\d+\]$/, '')) - SEND_ORDER.indexOf(b.field.replace(/\[\d+\]$/, '')));

const uuidParam = (req: FastifyRequest, what: string) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound(what);
  return id;
};

/** The form as the API body, noting a due date that could not be read. */
function sendFromForm(form: FormBody, referralId: string): { raw: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw: Record<string, unknown> = { referralId, agencyIds: asList(form.agencyIds), question: one(form.question) };
  const due = dateInput(form, 'dueDate');
  if (due === 'invalid' || (due && !isIsoDate(due))) errors.push({ field: 'dueDate', message: 'The due date must be a real date' });
  else if (due) raw.dueDate = due;
  return { raw, errors };
}

export function informationRequestsWeb(app: FastifyInstance) {
  app.get('/information-requests', { config: { useCases: [ir.listInformationRequests] } }, async (req, reply) => {
    const actor = req.actor!;
    const q = req.query as { show?: string; page?: string };
    const show: Filter = q.show && q.show in FILTERS ? (q.show as Filter) : 'outstanding';
    const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
    const result = await req.run(ir.listInformationRequests, {
      ...(show === 'outstanding' || show === 'answered' ? { status: show } : {}),
      ...(show === 'overdue' ? { overdue: true } : {}),
      page,
      pageSize: 50,
    });
    const link = (s: string, p = 1) => paths.informationRequests(new URLSearchParams({ show: s, ...(p > 1 ? { page: String(p) } : {}) }).toString());
    return reply.render('information-request-list.njk', {
      pageTitle: 'Information requests',
      // The hub sees every agency's requests; anyone else, those sent to their agency.
      hubView: may(actor, 'information_request', 'create'),
      result,
      filters: Object.entries(FILTERS).map(([value, text]) => ({ href: link(value), text, active: value === show })),
      showLabel: FILTERS[show].toLowerCase(),
      previous: page > 1 ? link(show, page - 1) : null,
      next: result.more ? link(show, page + 1) : null,
    });
  });

  const showPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: { errors?: FieldError[]; answer?: string; status?: number } = {}) => {
    const request = await req.run(ir.getInformationRequest, { id });
    const actor = req.actor!;
    return reply.status(extra.status ?? 200).render('information-request-show.njk', {
      pageTitle: `Information request about ${request.personName}`,
      request,
      canAnswer: request.status === 'outstanding' && mayOnInformationRequest(actor, 'update', request),
      // The hub links back to the referral; the asked agency has no access to it.
      referralLink: may(actor, 'information_request', 'create') ? paths.referralInformationRequests(request.referralId) : null,
      errors: extra.errors,
      answer: extra.answer ?? '',
    });
  };

  app.get('/information-requests/:id', { config: { useCases: [ir.getInformationRequest] } }, async (req, reply) =>
    showPage(req, reply, uuidParam(req, 'The information request')),
  );

  app.post(
    '/information-requests/:id/answer',
    { preHandler: app.csrfProtection, config: { useCases: [ir.getInformationRequest, ir.answerInformationRequest] } },
    async (req, reply) => {
      const id = uuidParam(req, 'The information request');
      const answer = one((req.body as FormBody).answer);
      try {
        const errors = inputErrors(AnswerBody, { answer: answer.trim() ? answer : undefined });
        if (errors.length) throw new ValidationProblem(errors);
        const { request } = await req.run(ir.answerInformationRequest, { id, answer });
        await reply.flash({ heading: 'Answer sent to the hub', text: `Your answer about ${request.personName} is on the request.`, qa: 'answer-sent' });
        return reply.redirect(paths.informationRequest(id), 303);
      } catch (err) {
        // Empty, or a colleague answered first (409): the page again, with the error and what was typed.
        if (err instanceof Problem && (err.status === 422 || err.status === 409))
          return showPage(req, reply, id, { errors: err.errors, answer, status: err.status });
        throw err;
      }
    },
  );

  // The hub, from a referral: what has been asked of whom, and a form to ask more agencies.
  const referralPage = async (req: FastifyRequest, reply: FastifyReply, referralId: string, extra: { errors?: FieldError[]; form?: FormBody } = {}) => {
    const actor = req.actor!;
    if (!may(actor, 'information_request', 'create')) throw forbidden('Only the hub asks agencies for information');
    const referral = await req.run(getReferral, { id: referralId });
    const { items } = await req.run(ir.listInformationRequests, { referralId, pageSize: 200 });
    const agencies = (await req.run(listAgencies)).filter((a) => a.active);
    const form = extra.form ?? {};
    const chosen = asList(form.agencyIds);
    const due = form['dueDate-day'] !== undefined ? dateParts(form, 'dueDate') : partsOf(defaultDueDate(ukDate(new Date())));
    return reply.status(extra.errors ? 422 : 200).render('referral-information-requests.njk', {
      pageTitle: `Information requests: referral ${referral.reference}`,
      referral,
      items,
      errors: extra.errors && inOrder(extra.errors),
      agencies: agencies.map((a) => ({ value: a.id, text: a.name, checked: chosen.includes(a.id) })),
      question: one(form.question),
      due,
      submissionId: one(form.submissionId) || randomUUID(),
    });
  };
  const referralUseCases = [getReferral, ir.listInformationRequests, listAgencies];

  app.get('/referrals/:id/information-requests', { config: { useCases: referralUseCases } }, async (req, reply) =>
    referralPage(req, reply, uuidParam(req, 'The referral')),
  );

  app.post(
    '/referrals/:id/information-requests',
    { preHandler: app.csrfProtection, config: { useCases: [...referralUseCases, ir.sendInformationRequests] } },
    async (req, reply) => {
      const referralId = uuidParam(req, 'The referral');
      const form = req.body as FormBody;
      const { raw, errors } = sendFromForm(form, referralId);
      try {
        const shape = inputErrors(SendRequestBody, raw).filter((e) => !errors.some((x) => x.field === e.field));
        if (errors.length || shape.length) throw new ValidationProblem([...errors, ...shape]);
        const key = one(form.submissionId) ? `form:${one(form.submissionId)}` : undefined;
        const { requests } = await req.run(ir.sendInformationRequests, { ...raw, ...(key ? { idempotencyKey: key } : {}) });
        const n = requests.length;
        await reply.flash({
          heading: `${n} information request${n === 1 ? '' : 's'} sent`,
          text: `Asked: ${requests.map((r) => r.agencyName).join(', ')}.`,
          qa: 'requests-sent',
        });
        return reply.redirect(paths.referralInformationRequests(referralId), 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return referralPage(req, reply, referralId, { errors: err.errors, form });
        throw err;
      }
    },
  );
}

function partsOf(iso: string) {
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
