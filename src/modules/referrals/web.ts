// Referral pages: the hub's list, the referral form (new or known person), one referral.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access/actor.ts';
import { may, mayFindMatches, mayOnReferral, mayReferForAgency, maySetReceivedAt, readsOwnAgencyReferralsOnly } from '../../platform/access/rules.ts';
import { asList, dateInput, dateParts, type FormBody, nest, readPeriod } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { isIsoDate, ukLocalToInstant } from '../../platform/time.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { findMatches, submissionUsed } from '../matching/use-cases.ts';
import { matchStep } from '../matching/web.ts';
import { ETHNICITIES } from '../people/domain.ts';
import { getPerson } from '../people/use-cases.ts';
import { screeningHistory } from '../screening/use-cases.ts';
import { getAgreement, listAgreements } from '../sharing-agreements/use-cases.ts';
import { referralDecisions, referralOutcome } from '../triage/use-cases.ts';
import { CONSENT, EXPLOITATION_TYPES, INDICATORS, STATUSES, URGENCY } from './domain.ts';
import { CreateReferralInput } from './schemas.ts';
import { createReferral, getReferral, listReferrals, referralErrors } from './use-cases.ts';

const options = (vocab: Record<string, string>, selected: string[] = []) =>
  Object.entries(vocab).map(([value, text]) => ({ value, text, checked: selected.includes(value), selected: selected.includes(value) }));

/** Turns the form into the same shape the API takes, noting date fields that could not be read. */
export function referralFromForm(form: FormBody): { raw: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw = nest(form, ['_csrf', 'submissionId', 'exploitationTypes', 'indicators']);
  raw.exploitationTypes = asList(form.exploitationTypes);
  raw.indicators = asList(form.indicators);
  for (const k of Object.keys(raw)) if (/-(day|month|year|time)$/.test(k)) delete raw[k];
  if (!form['subject.personId']) {
    raw.subject ??= {};
    const subject = raw.subject as Record<string, unknown>;
    for (const k of Object.keys(subject)) if (/-(day|month|year)$/.test(k)) delete subject[k];
    // Radios send text; the schema takes a boolean.
    if ('placedByOtherLa' in subject) subject.placedByOtherLa = subject.placedByOtherLa === 'yes' || subject.placedByOtherLa === 'true';
    const dob = dateInput(form, 'subject.dateOfBirth');
    if (dob === 'invalid' || (dob && !isIsoDate(dob))) errors.push({ field: 'subject.dateOfBirth', message: 'Date of birth must be a real date' });
    else if (dob) subject.dateOfBirth = dob;
  }
  const receivedDate = dateInput(form, 'receivedAt');
  const receivedTime = String(form['receivedAt-time'] ?? '').trim();
  if (receivedDate || receivedTime) {
    const time = /^(\d{1,2}):(\d{2})$/.exec(receivedTime || '09:00');
    const at =
      time && receivedDate !== 'invalid' && isIsoDate(receivedDate) ? ukLocalToInstant(`${receivedDate}T${time[1].padStart(2, '0')}:${time[2]}`) : null;
    if (!at) errors.push({ field: 'receivedAt', message: 'Received date must be a real date and the time like 14:30' });
    else raw.receivedAt = at.toISOString();
  }
  return { raw, errors };
}

// The order of the form, so the error summary lists problems top to bottom as GOV.UK asks.
const FORM_ORDER = [
  'subject',
  'subject.givenName',
  'subject.familyName',
  'subject.dateOfBirth',
  'subject.dobPrecision',
  'subject.sex',
  'subject.ethnicity',
  'subject.firstLanguage',
  'subject.address',
  'subject.postcode',
  'subject.nhsNumber',
  'subject.schoolUpn',
  'subject.policeReference',
  'subject.laCaseReference',
  'subject.placingAuthority',
  'referringAgencyId',
  'referrerName',
  'referrerRole',
  'referrerContact',
  'receivedAt',
  'concerns',
  'exploitationTypes',
  'indicators',
  'urgency',
  'childViews',
  'familyViews',
  'consent',
  'lawfulBasisReason',
  'sharingAgreementId',
];
const position = (field: string) => {
  const i = FORM_ORDER.indexOf(field.replace(/\[\d+\]$/, ''));
  return i === -1 ? FORM_ORDER.length : i;
};
export const inFormOrder = (errors: FieldError[]) => [...errors].sort((a, b) => position(a.field) - position(b.field));

export function referralsWeb(app: FastifyInstance) {
  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
    const actor = req.actor!;
    const personId = (form['subject.personId'] as string | undefined) || undefined;
    const person = personId ? await req.run(getPerson, { id: personId }) : null;
    // The agencies the actor may refer for, by the policy's rule: a choice only for those who may refer for others.
    const agencies = (await req.run(listAgencies)).filter((a) => a.active && mayReferForAgency(actor, a.id));
    return reply.status(errors ? 422 : 200).render('referral-new.njk', {
      pageTitle: 'Make a referral',
      errors: errors && inFormOrder(errors),
      form,
      person,
      submissionId: form.submissionId || randomUUID(),
      canSetReceivedAt: maySetReceivedAt(actor),
      agencyChoice: agencies.length > 1,
      agencies: agencies.map((a) => ({ value: a.id, text: a.name, selected: (form.referringAgencyId ?? actor.agencyId) === a.id })),
      dob: dateParts(form, 'subject.dateOfBirth'),
      received: dateParts(form, 'receivedAt'),
      exploitationTypes: options(EXPLOITATION_TYPES, asList(form.exploitationTypes)),
      indicators: options(INDICATORS, asList(form.indicators)),
      consent: options(CONSENT, asList(form.consent)),
      urgency: options(URGENCY, asList(form.urgency ?? 'routine')),
      // Blank is no answer (a missing essential); "Not stated" is an answer and is not counted as missing.
      ethnicities: [{ value: '', text: 'Choose an ethnicity' }, ...options(ETHNICITIES, asList(form['subject.ethnicity']))],
      // The partnership's data sharing agreements: the referral names the one its sharing relies on, if any.
      agreements: [
        { value: '', text: 'None, or not known' },
        ...(await req.run(listAgreements)).items.map((a) => ({ value: a.id, text: a.title, selected: form.sharingAgreementId === a.id })),
      ],
    });
  };

  // matchStep runs submissionUsed and findMatches.
  const formUseCases = [createReferral, getPerson, submissionUsed, findMatches, listAgencies, listAgreements];

  app.get('/referrals/new', { config: { useCases: formUseCases } }, async (req, reply) => {
    if (!may(req.actor!, 'referral', 'create')) throw forbidden('Your role may not make referrals');
    const personId = (req.query as { personId?: string }).personId;
    return formPage(req, reply, personId && isUuid(personId) ? { 'subject.personId': personId } : {});
  });

  /** Every error the form would get, without saving: the schema's, then the rules'. */
  const validate = (actor: Actor, raw: Record<string, unknown>) => {
    const shape = inputErrors(CreateReferralInput, raw);
    // A form sends text, so the rules can run on it even when the shape is wrong: the page shows every error. A name
    // sent twice arrives as a list, which the rules (reading text) cannot take: then only the shape's errors are shown.
    const textOnly = (v: unknown): boolean => typeof v !== 'object' || v === null || (!Array.isArray(v) && Object.values(v).every(textOnly));
    if (!textOnly({ ...raw, exploitationTypes: null, indicators: null })) return shape;
    const body = { ...raw, subject: (raw.subject ?? {}) as Record<string, unknown> } as typeof CreateReferralInput.static;
    const rules = referralErrors(actor, body, new Date()).filter((e) => !shape.some((x) => x.field === e.field));
    return [...shape, ...rules];
  };

  app.post('/referrals', { preHandler: app.csrfProtection, config: { useCases: formUseCases } }, async (req, reply) => {
    const actor = req.actor!;
    const form = req.body as FormBody;
    const { raw, errors } = referralFromForm(form);
    try {
      if (errors.length) {
        const more = validate(actor, raw).filter((e) => !errors.some((x) => x.field === e.field));
        throw new ValidationProblem([...errors, ...more]);
      }
      // Possible matches (two steps, no JavaScript): a new subject's details first go to a page of people
      // already held who may be the same; the referrer picks one or confirms a new person.
      const choice = typeof form.subjectMatch === 'string' ? form.subjectMatch : '';
      delete raw.subjectMatch;
      delete raw.matchStep;
      if (!form['subject.personId'] && mayFindMatches(actor)) {
        if (choice && choice !== 'new') raw.subject = { personId: choice };
        else if (!choice) {
          const invalid = validate(actor, raw);
          if (invalid.length) throw new ValidationProblem(invalid);
          const missing = form.matchStep ? [{ field: 'subjectMatch', message: 'Choose the person the referral is about, or “none of these”' }] : undefined;
          if (await matchStep(req, reply, form, raw.subject as Record<string, unknown>, missing)) return reply;
        }
      }
      const key = typeof form.submissionId === 'string' && form.submissionId ? `form:${form.submissionId}` : undefined;
      const { referral } = await req.run(createReferral, { ...raw, ...(key ? { idempotencyKey: key } : {}) });
      await reply.flash({ heading: `Referral ${referral.reference} sent to the hub`, qa: 'referral-created' });
      return reply.redirect(paths.referral(referral.id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return formPage(req, reply, form, err.errors);
      throw err;
    }
  });

  app.get('/referrals', { config: { useCases: [listReferrals] } }, async (req, reply) => {
    const { errors: dateErrors, ...period } = readPeriod(req.query as FormBody);
    const q = { ...(req.query as { status?: string; page?: string }), from: period.from, to: period.to };
    // The hub starts from what is new; a referrer from all their agency's referrals and their outcomes.
    const mine = readsOwnAgencyReferralsOnly(req.actor!);
    const status = q.status === undefined ? (mine ? undefined : 'new') : q.status in STATUSES ? q.status : undefined;
    const errors: FieldError[] = [...dateErrors];
    if (q.from && !isIsoDate(q.from)) errors.push({ field: 'from', message: 'The start date must be a real date' });
    if (q.to && !isIsoDate(q.to)) errors.push({ field: 'to', message: 'The end date must be a real date' });
    const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
    const result = await req.run(listReferrals, {
      status,
      receivedFrom: errors.length ? undefined : q.from || undefined,
      receivedTo: errors.length ? undefined : q.to || undefined,
      page,
      pageSize: 50,
    });
    const query = (p: number) =>
      `?${new URLSearchParams({ status: status ?? '', ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), page: String(p) })}`;
    return reply.render('referral-list.njk', {
      pageTitle: mine ? 'My referrals' : status === 'new' ? 'New referrals' : 'Referrals',
      mine,
      errors,
      result,
      status: status ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
      statuses: [{ value: '', text: 'Any status' }, ...options(STATUSES, [status ?? ''])],
      previous: page > 1 ? query(page - 1) : null,
      next: result.more ? query(page + 1) : null,
    });
  });

  app.get('/referrals/:id', { config: { useCases: [getReferral, screeningHistory, referralDecisions, referralOutcome, getAgreement] } }, async (req, reply) => {
    const actor = req.actor!;
    const id = (req.params as { id: string }).id;
    if (!isUuid(id)) throw notFound('The referral');
    const referral = await req.run(getReferral, { id });
    // Screening and triage show only to those who may see them for this referral.
    const allowed = (resource: 'screening' | 'triage', action: 'read' | 'create') => mayOnReferral(actor, resource, action, referral);
    const screenings = allowed('screening', 'read') ? (await req.run(screeningHistory, { id: referral.id })).screenings : null;
    const decisions = allowed('triage', 'read') ? (await req.run(referralDecisions, { id: referral.id })).decisions : null;
    // Those who do not read the hub's decisions (the referrer) see the outcome: level, category, reasons, their actions.
    const outcome = decisions ? null : await req.run(referralOutcome, { id: referral.id });
    const agreement = referral.sharingAgreementId ? await req.run(getAgreement, { id: referral.sharingAgreementId }) : null;
    return reply.render('referral-show.njk', {
      pageTitle: `Referral ${referral.reference}`,
      referral,
      agreement,
      screenings,
      decisions,
      canScreen: allowed('screening', 'create'),
      canDecide: allowed('triage', 'create'),
      outcome,
      canAskAgencies: may(actor, 'information_request', 'create'),
    });
  });
}
