// Support pages: the services directory (list, add, edit), the provider agency's referrals and one referral (accept
// or decline, start, end), the child's referrals with "Refer to a service" (/people/:id/support), and the report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate } from '../../platform/time.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { OUTCOME_LABELS, OUTCOMES, REFERRAL_STATUSES, SERVICE_TYPE_LABELS, SERVICE_TYPES, STATUS_LABELS } from './domain.ts';
import { supportReport } from './report.ts';
import {
  createService,
  decideReferral,
  endReferral,
  getService,
  getSupportReferral,
  listServices,
  personSupport,
  providerReferrals,
  referToService,
  startReferral,
  updateService,
} from './use-cases.ts';

const uuid = (req: FastifyRequest, what: string) => {
  const id = (req.params as { id: string }).id;
  if (!isUuid(id)) throw notFound(what);
  return id;
};
const int = (v: string) => (v.trim() === '' ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : (v as unknown as number));
const opt = (v: string) => (v.trim() ? v : undefined);

function serviceInput(f: FormBody) {
  const t = (k: string) => one(f[k]);
  return {
    name: t('name'),
    providerAgencyId: t('providerAgencyId'),
    type: t('type') as 'other',
    eligibility: opt(t('eligibility')),
    ageFrom: int(t('ageFrom')),
    ageTo: int(t('ageTo')),
    capacity: int(t('capacity')),
    contactName: opt(t('contactName')),
    contactPhone: opt(t('contactPhone')),
    contactEmail: opt(t('contactEmail')),
    active: t('active') !== 'no',
  };
}
const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function supportWeb(app: FastifyInstance) {
  app.get('/support/services', { config: { useCases: [listServices] } }, async (req, reply) =>
    reply.render('support-services.njk', {
      pageTitle: 'Support services',
      services: await req.run(listServices, undefined),
      mayEdit: may(req.actor!, 'support_service', 'create'),
    }),
  );

  const servicePage = async (req: FastifyRequest, reply: FastifyReply, form: Record<string, unknown>, id: string | null, errors?: FieldError[]) => {
    const agencies = await req.run(listAgencies, undefined);
    return reply.status(errors ? 422 : 200).render('support-service-form.njk', {
      pageTitle: id ? `Change ${form.name}` : 'Add a support service',
      action: id ? `/support/services/${id}/edit` : '/support/services/new',
      errors,
      form,
      agencies: [
        { value: '', text: 'Select an agency' },
        ...agencies.map((a: { id: string; name: string }) => ({ value: a.id, text: a.name, selected: a.id === form.providerAgencyId })),
      ],
      types: SERVICE_TYPES.map((t) => ({ value: t, text: SERVICE_TYPE_LABELS[t], checked: t === form.type })),
    });
  };
  app.get('/support/services/new', { config: { useCases: [createService, listAgencies] } }, (req, reply) => servicePage(req, reply, { active: true }, null));
  app.post('/support/services/new', { preHandler: app.csrfProtection, config: { useCases: [createService, listAgencies] } }, async (req, reply) => {
    const input = serviceInput(req.body as FormBody);
    try {
      await req.run(createService, clean(input));
      await reply.flash(`${input.name} added`);
      return reply.redirect('/support/services', 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return servicePage(req, reply, input, null, err.errors);
      throw err;
    }
  });
  app.get('/support/services/:id/edit', { config: { useCases: [getService, updateService, listAgencies] } }, async (req, reply) => {
    const s = await req.run(getService, { id: uuid(req, 'The service') });
    const form = { ...s, contactName: s.contact.name, contactPhone: s.contact.phone, contactEmail: s.contact.email };
    return servicePage(req, reply, form, s.id);
  });
  app.post('/support/services/:id/edit', { preHandler: app.csrfProtection, config: { useCases: [updateService, listAgencies] } }, async (req, reply) => {
    const id = uuid(req, 'The service');
    const input = serviceInput(req.body as FormBody);
    try {
      await req.run(updateService, { id, ...clean(input) });
      await reply.flash(`${input.name} saved`);
      return reply.redirect('/support/services', 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return servicePage(req, reply, input, id, err.errors);
      throw err;
    }
  });

  app.get('/support/referrals', { config: { useCases: [providerReferrals] } }, async (req, reply) => {
    const status = one((req.query as FormBody).status);
    const chosen = (REFERRAL_STATUSES as readonly string[]).includes(status) ? status : '';
    return reply.render('support-referrals.njk', {
      pageTitle: 'Referrals to our services',
      referrals: await req.run(providerReferrals, chosen ? { status: chosen } : {}),
      statuses: [{ value: '', text: 'Every status' }, ...REFERRAL_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], selected: s === chosen }))],
    });
  });

  const referralPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const r = await req.run(getSupportReferral, { id: uuid(req, 'The referral to a service') });
    return reply.status(errors ? 422 : 200).render('support-referral.njk', {
      pageTitle: `Referral of ${r.childName} to ${r.serviceName}`,
      r,
      errors,
      form,
      mayUpdate: may(req.actor!, 'support_referral', 'update'),
      outcomes: OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o], checked: o === one(form.outcome) })),
      decisions: [
        { value: 'accept', text: 'Accept', checked: one(form.decision) === 'accept' },
        { value: 'decline', text: 'Decline', checked: one(form.decision) === 'decline' },
      ],
    });
  };
  app.get('/support/referrals/:id', { config: { useCases: [getSupportReferral] } }, (req, reply) => referralPage(req, reply));
  const stepRoute = (path: string, run: (req: FastifyRequest, id: string, f: FormBody) => Promise<unknown>, uc: AnyUseCase) =>
    app.post(`/support/referrals/:id/${path}`, { preHandler: app.csrfProtection, config: { useCases: [uc, getSupportReferral] } }, async (req, reply) => {
      const id = uuid(req, 'The referral to a service');
      const f = req.body as FormBody;
      try {
        await run(req, id, f);
        await reply.flash('Saved');
        return reply.redirect(`/support/referrals/${id}`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return referralPage(req, reply, err.errors, f);
        throw err;
      }
    });
  stepRoute(
    'decision',
    (req, id, f) => req.run(decideReferral, clean({ id, decision: (one(f.decision) || undefined) as 'accept', reason: opt(one(f.reason)) })),
    decideReferral,
  );
  stepRoute('start', (req, id) => req.run(startReferral, { id }), startReferral);
  stepRoute('end', (req, id, f) => req.run(endReferral, clean({ id, outcome: (one(f.outcome) || undefined) as 'other', note: opt(one(f.note)) })), endReferral);

  const personPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const id = uuid(req, 'The person');
    const { frame } = await loadPersonFrame(req, id, 'support');
    const support = await req.run(personSupport, { id });
    const services = may(req.actor!, 'support_referral', 'create') ? (await req.run(listServices, undefined)).filter((s) => s.active) : [];
    return reply.status(errors ? 422 : 200).render('support-person.njk', {
      pageTitle: `Support services for ${frame.name}`,
      frame,
      personId: id,
      referrals: support.referrals,
      errors,
      reason: one(form.reason),
      services: services.map((s) => ({
        value: s.id,
        text: `${s.name} (${s.typeLabel}, ${s.providerAgencyName})${s.full ? ': full, the referral waits for a place' : ''}`,
        checked: s.id === one(form.serviceId),
      })),
    });
  };
  const personUseCases = [...frameUseCases, personSupport, listServices];
  app.get('/people/:id/support', { config: { useCases: personUseCases } }, (req, reply) => personPage(req, reply));
  app.post('/people/:id/support', { preHandler: app.csrfProtection, config: { useCases: [...personUseCases, referToService] } }, async (req, reply) => {
    const id = uuid(req, 'The person');
    const f = req.body as FormBody;
    try {
      const r = await req.run(referToService, clean({ personId: id, serviceId: one(f.serviceId) || (undefined as unknown as string), reason: one(f.reason) }));
      await reply.flash(`Referred to ${r.serviceName}`);
      return reply.redirect(`/people/${id}/support`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return personPage(req, reply, err.errors, f);
      throw err;
    }
  });

  app.get('/support/report', { config: { useCases: [supportReport] } }, async (req, reply) => {
    const q = req.query as FormBody;
    const today = ukDate(new Date());
    const period = { from: one(q.from) || addDays(today, -365), to: one(q.to) || today };
    try {
      const report = await req.run(supportReport, period);
      return reply.render('support-report.njk', { pageTitle: 'Support referrals and waiting times by service', report, period });
    } catch (err) {
      if (err instanceof ValidationProblem)
        return reply.status(422).render('support-report.njk', { pageTitle: 'Support referrals and waiting times by service', errors: err.errors, period });
      throw err;
    }
  });
}
