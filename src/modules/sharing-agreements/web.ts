// Admin pages for data sharing agreements: the list (overdue reviews flagged, each agency's access and the agreements
// that cover it), and a GOV.UK form to record or update one. Staff who may only read see the same pages without forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { asList, type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { blankTextErrors, DATA_CATEGORIES, DATA_CATEGORY_IDS, STATUS_LABELS } from './domain.ts';
import { AgreementBody } from './schemas.ts';
import { type AgreementView, createAgreement, getAgreement, listAgreements, updateAgreement } from './use-cases.ts';

export const AGREEMENTS_PATH = '/admin/sharing-agreements';

const categoryLabel = (c: string) => DATA_CATEGORIES[c as keyof typeof DATA_CATEGORIES] ?? c;
const present = (a: AgreementView) => ({ ...a, statusLabel: STATUS_LABELS[a.status], categoryLabels: a.dataCategories.map(categoryLabel) });

const FORM_ORDER = ['title', 'purpose', 'lawfulBasis', 'dataCategories', 'partyAgencyIds', 'startDate', 'reviewDate'];

/** The form as the use case takes it, and the errors of the date inputs (read first: the schema cannot say them). */
function fromForm(form: FormBody) {
  const start = readDate(form, 'startDate', 'the start date', { required: true });
  const review = readDate(form, 'reviewDate', 'the review date', { required: true });
  const input = {
    title: one(form.title),
    purpose: one(form.purpose),
    lawfulBasis: one(form.lawfulBasis),
    dataCategories: asList(form.dataCategories),
    partyAgencyIds: asList(form.partyAgencyIds),
    startDate: start.value,
    reviewDate: review.value,
  };
  const dateErrors: FieldError[] = [
    ...(start.error ? [{ field: 'startDate', message: start.error }] : []),
    ...(review.error ? [{ field: 'reviewDate', message: review.error }] : []),
  ];
  const dated = new Set(dateErrors.map((e) => e.field));
  const found = [...blankTextErrors(input), ...dateErrors, ...inputErrors(AgreementBody, input).filter((e) => !dated.has(e.field))];
  // One error a field, in the order the page asks (the error summary follows the page).
  const errors = FORM_ORDER.flatMap((field) => found.find((e) => e.field === field) ?? []);
  return { input, errors: [...errors, ...found.filter((e) => !FORM_ORDER.includes(e.field))] };
}

/** The form's fields, from what was typed or the saved agreement. */
function formView(form: FormBody | null, saved: AgreementView | null) {
  const chosen = (name: string, fallback: string[]) => (form ? asList(form[name]) : fallback);
  const dateParts = (name: string, iso?: string) => {
    if (form) return { day: form[`${name}-day`], month: form[`${name}-month`], year: form[`${name}-year`] };
    const [y, m, d] = (iso ?? '').split('-');
    return iso ? { day: String(Number(d)), month: String(Number(m)), year: y } : {};
  };
  return {
    title: form ? one(form.title) : (saved?.title ?? ''),
    purpose: form ? one(form.purpose) : (saved?.purpose ?? ''),
    lawfulBasis: form ? one(form.lawfulBasis) : (saved?.lawfulBasis ?? ''),
    categories: chosen('dataCategories', saved?.dataCategories ?? []),
    parties: chosen('partyAgencyIds', saved?.parties.map((p) => p.id) ?? []),
    start: dateParts('startDate', saved?.startDate),
    review: dateParts('reviewDate', saved?.reviewDate),
  };
}

const agreementId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The sharing agreement');
  return id;
};

export function sharingAgreementsWeb(app: FastifyInstance) {
  const formPage = async (req: FastifyRequest, reply: FastifyReply, saved: AgreementView | null, form: FormBody | null, errors?: FieldError[]) => {
    const list = await req.run(listAgreements);
    const f = formView(form, saved);
    const editable = may(req.actor!, 'sharing_agreement', saved ? 'update' : 'create');
    return reply.status(errors?.length ? 422 : 200).render('sharing-agreement-form.njk', {
      pageTitle: saved ? saved.title : 'Record a data sharing agreement',
      agreement: saved && present(saved),
      editable,
      action: saved ? `${AGREEMENTS_PATH}/${saved.id}` : AGREEMENTS_PATH,
      errors,
      f,
      categoryItems: DATA_CATEGORY_IDS.map((c) => ({ value: c, text: DATA_CATEGORIES[c], checked: f.categories.includes(c) })),
      agencyItems: list.coverage.map((a) => ({ value: a.agencyId, text: a.agencyName, checked: f.parties.includes(a.agencyId) })),
    });
  };

  app.get(AGREEMENTS_PATH, { config: { useCases: [listAgreements] } }, async (req, reply) => {
    const list = await req.run(listAgreements);
    return reply.render('sharing-agreements.njk', {
      pageTitle: 'Data sharing agreements',
      agreements: list.items.map(present),
      overdue: list.items.filter((a) => a.status === 'overdue').map(present),
      coverage: list.coverage,
      uncovered: list.coverage.filter((c) => !c.covered),
      canCreate: may(req.actor!, 'sharing_agreement', 'create'),
    });
  });

  app.get(`${AGREEMENTS_PATH}/new`, { config: { useCases: [listAgreements, createAgreement] } }, async (req, reply) => {
    if (!may(req.actor!, 'sharing_agreement', 'create')) throw forbidden('Only partnership administrators and information governance record agreements');
    return formPage(req, reply, null, null);
  });

  app.post(AGREEMENTS_PATH, { preHandler: app.csrfProtection, config: { useCases: [listAgreements, createAgreement] } }, async (req, reply) => {
    if (!may(req.actor!, 'sharing_agreement', 'create')) throw forbidden('Only partnership administrators and information governance record agreements');
    const form = req.body as FormBody;
    const { input, errors } = fromForm(form);
    if (errors.length) return formPage(req, reply, null, form, errors);
    try {
      const saved = await req.run(createAgreement, input);
      await reply.flash(`Data sharing agreement recorded: ${saved.title}`);
      return reply.redirect(AGREEMENTS_PATH, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return formPage(req, reply, null, form, err.errors);
      throw err;
    }
  });

  app.get(`${AGREEMENTS_PATH}/:id`, { config: { useCases: [getAgreement, listAgreements, updateAgreement] } }, async (req, reply) =>
    formPage(req, reply, await req.run(getAgreement, { id: agreementId(req) }), null),
  );

  app.post(
    `${AGREEMENTS_PATH}/:id`,
    { preHandler: app.csrfProtection, config: { useCases: [getAgreement, listAgreements, updateAgreement] } },
    async (req, reply) => {
      const id = agreementId(req);
      const saved = await req.run(getAgreement, { id });
      if (!may(req.actor!, 'sharing_agreement', 'update')) throw forbidden('Only partnership administrators and information governance update agreements');
      const form = req.body as FormBody;
      const { input, errors } = fromForm(form);
      if (errors.length) return formPage(req, reply, saved, form, errors);
      try {
        const updated = await req.run(updateAgreement, { id, ...input });
        await reply.flash(`Data sharing agreement updated: ${updated.title}`);
        return reply.redirect(AGREEMENTS_PATH, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return formPage(req, reply, saved, form, err.errors);
        throw err;
      }
    },
  );
}
