// Support services and onward referrals (issue 19.1): the directory (kept by the hub coordinator and the
// administrator, read by staff); a referral from the child's case to a service, worked by the provider agency
// (accept or decline with a reason, start, end with an outcome); and the report by service (use-cases-report.ts).
// Referrals are person-level: every read is audited with the child as subject, every change is a domain event
// about the child (shown in the chronology to those who read the case).
import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../platform/access/actor.ts';
import { assertMayOnSupportReferral, mayOnCase, mayReferToService } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { nextStatus, type Step, stepErrors } from './domain.ts';
import { DecisionInput, EndInput, PersonRef, ReferInput, ReferralRef, ReferralsQuery, ServiceInput, ServiceRef, ServiceUpdate, StartInput } from './schemas.ts';
import * as store from './store.ts';
import { referralView, serviceView } from './view.ts';

const DIRECTORY = 'the directory names services, agencies and contacts, never a child';

export const listServices = useCase({
  name: 'support.services',
  permission: ['support_service', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return (await store.listServices(db, actor.partnershipId)).map(serviceView);
  },
  audit: { none: DIRECTORY },
});

export const getService = useCase({
  name: 'support.service',
  permission: ['support_service', 'read'],
  input: ServiceRef,
  async run({ db, actor }, { id }) {
    const row = (await store.listServices(db, actor.partnershipId)).find((s) => s.id === id);
    if (!row) throw notFound('The service');
    return serviceView(row);
  },
  audit: { none: DIRECTORY },
});

type ServiceFields = Static<typeof ServiceInput>;

async function serviceRow(db: Db, partnershipId: string, input: ServiceFields, id: string | null) {
  const errors = [];
  const same = await store.serviceNamed(db, partnershipId, input.name.trim());
  if (same && same.id !== id) errors.push({ field: 'name', message: 'A service with this name already exists' });
  if (!(await store.agencyExists(db, partnershipId, input.providerAgencyId))) errors.push({ field: 'providerAgencyId', message: 'Select the provider agency' });
  if (input.ageFrom !== undefined && input.ageTo !== undefined && input.ageTo < input.ageFrom)
    errors.push({ field: 'ageTo', message: 'The age to must be the same as or more than the age from' });
  if (errors.length) throw new ValidationProblem(errors);
  const t = (v: string | undefined) => v?.trim() || null;
  return {
    name: input.name.trim(),
    provider_agency_id: input.providerAgencyId,
    type: input.type,
    eligibility: t(input.eligibility),
    age_from: input.ageFrom ?? null,
    age_to: input.ageTo ?? null,
    capacity: input.capacity ?? null,
    contact_name: t(input.contactName),
    contact_phone: t(input.contactPhone),
    contact_email: t(input.contactEmail),
    active: input.active ?? true,
  };
}

export const createService = useCase({
  name: 'support.createService',
  permission: ['support_service', 'create'],
  input: ServiceInput,
  async run({ db, actor }, input) {
    const id = randomUUID();
    const row = await serviceRow(db, actor.partnershipId, input, null);
    await store.insertService(db, { partnership_id: actor.partnershipId, id, ...row });
    return { id, name: row.name, type: row.type, providerAgencyId: row.provider_agency_id };
  },
  audit: { change: 'support_service.created', subject: (r) => ({ type: 'support_service', id: r.id, details: { name: r.name, type: r.type } }) },
});

export const updateService = useCase({
  name: 'support.updateService',
  permission: ['support_service', 'update'],
  input: ServiceUpdate,
  async run({ db, actor }, { id, ...input }) {
    if (!(await store.serviceById(db, actor.partnershipId, id))) throw notFound('The service');
    const row = await serviceRow(db, actor.partnershipId, input, id);
    await store.updateService(db, actor.partnershipId, id, row);
    return { id, name: row.name, type: row.type, providerAgencyId: row.provider_agency_id };
  },
  audit: { change: 'support_service.updated', subject: (r) => ({ type: 'support_service', id: r.id, details: { name: r.name, type: r.type } }) },
});

const subject = (r: { id: string; personId: string; serviceName: string; status: string }, details: Record<string, unknown> = {}) => ({
  type: 'support_referral',
  id: r.id,
  personId: r.personId,
  details: { service: r.serviceName, status: r.status, ...details },
});

/** The child's referrals to services: whoever may read the child's case. */
export const personSupport = useCase({
  name: 'support.ofPerson',
  permission: ['support_referral', 'read'],
  input: PersonRef,
  async run({ db, actor, now }, { id }) {
    if (!mayOnCase(actor, 'read', await caseFacts(db, actor, id))) throw forbidden('You do not work this case');
    const rows = await store.referralsOfPerson(db, actor.partnershipId, id);
    return { personId: id, referrals: rows.map((r) => referralView(r, ukDate(now))) };
  },
  audit: {
    read: 'support_referral.viewed',
    subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { referrals: r.referrals.length } }),
  },
});

/** Whether the actor may refer this child: the hub (partnership scope), or a worker on the child's case. */
async function assertMayRefer(db: Db, actor: Actor, personId: string) {
  const facts = await caseFacts(db, actor, personId, { caseWorker: true });
  if (!mayReferToService(actor, facts)) throw forbidden('Only the hub or a worker on the child’s case refers to a service');
}

export const referToService = useCase({
  name: 'support.refer',
  permission: ['support_referral', 'create'],
  input: ReferInput,
  async run({ db, actor, now }, { personId, serviceId, reason, sentOn }) {
    await assertMayRefer(db, actor, personId);
    const service = await store.serviceById(db, actor.partnershipId, serviceId);
    if (!service?.active) throw new ValidationProblem([{ field: 'serviceId', message: 'Select an active service' }]);
    const today = ukDate(now);
    if (sentOn && sentOn > today) throw new ValidationProblem([{ field: 'sentOn', message: 'The date sent must be today or in the past' }]);
    const id = randomUUID();
    await store.insertReferral(db, {
      partnership_id: actor.partnershipId,
      id,
      service_id: serviceId,
      person_id: personId,
      status: 'sent',
      reason: reason.trim(),
      sent_on: sentOn ?? today,
      sent_by: actor.userId,
    });
    const row = await store.referralById(db, actor.partnershipId, id);
    return referralView(row!, today);
  },
  audit: { change: 'support_referral.sent', subject: (r) => subject(r) },
});

/** The provider agency's view: referrals to its services (the hub sees every service's), by status. */
export const providerReferrals = useCase({
  name: 'support.referrals',
  permission: ['support_referral', 'read'],
  input: ReferralsQuery,
  async run({ db, actor, scope, now }, { status }) {
    const rows = await store.providerReferrals(db, actor.partnershipId, scope === 'partnership' ? null : actor.agencyId, status);
    return rows.map((r) => referralView(r, ukDate(now)));
  },
  audit: { read: 'support_referral.listed', subject: (rows) => rows.map((r) => ({ type: 'support_referral', id: r.id, personId: r.personId })) },
});

async function referralFor(db: Db, actor: Actor, id: string, action: 'read' | 'update') {
  const row = await store.referralById(db, actor.partnershipId, id);
  if (!row) throw notFound('The referral to a service');
  assertMayOnSupportReferral(actor, action, { providerAgencyId: row.provider_agency_id });
  return row;
}

export const getSupportReferral = useCase({
  name: 'support.referral',
  permission: ['support_referral', 'read'],
  input: ReferralRef,
  async run({ db, actor, now }, { id }) {
    return referralView(await referralFor(db, actor, id, 'read'), ukDate(now));
  },
  audit: { read: 'support_referral.viewed', subject: (r) => ({ type: 'support_referral', id: r.id, personId: r.personId }) },
});

async function takeStep(db: Db, actor: Actor, now: Date, id: string, step: Step, input: { reason?: string; outcome?: string; note?: string; on?: string }) {
  const row = await referralFor(db, actor, id, 'update');
  const to = nextStatus(row.status, step);
  if (!to)
    throw new Problem(409, 'Conflict', `A referral that is ${row.status} cannot be ${step === 'end' ? 'ended' : `${step}ed`}`.replace('accepted', 'accept'));
  const today = ukDate(now);
  const on = input.on ?? today;
  const errors = stepErrors(step, { ...input, on }, row.sent_on);
  if (on > today) errors.push({ field: 'on', message: 'The date must be today or in the past' });
  if (errors.length) throw new ValidationProblem(errors);
  const changes =
    step === 'accept' || step === 'decline'
      ? { status: to, decided_on: on, decision_reason: input.reason?.trim() || null }
      : step === 'start'
        ? { status: to, started_on: on }
        : { status: to, ended_on: on, outcome: input.outcome ?? null, outcome_note: input.note?.trim() || null };
  await store.updateReferral(db, actor.partnershipId, id, changes);
  return referralView((await store.referralById(db, actor.partnershipId, id))!, today);
}

export const decideReferral = useCase({
  name: 'support.decide',
  permission: ['support_referral', 'update'],
  input: DecisionInput,
  run: ({ db, actor, now }, { id, decision, ...rest }) => takeStep(db, actor, now, id, decision, rest),
  audit: { change: 'support_referral.decided', subject: (r) => subject(r, { reason: r.decisionReason }) },
});

export const startReferral = useCase({
  name: 'support.start',
  permission: ['support_referral', 'update'],
  input: StartInput,
  run: ({ db, actor, now }, { id, on }) => takeStep(db, actor, now, id, 'start', { on }),
  audit: { change: 'support_referral.started', subject: (r) => subject(r, { waitingDays: r.waitingDays }) },
});

export const endReferral = useCase({
  name: 'support.end',
  permission: ['support_referral', 'update'],
  input: EndInput,
  run: ({ db, actor, now }, { id, ...rest }) => takeStep(db, actor, now, id, 'end', rest),
  audit: { change: 'support_referral.ended', subject: (r) => subject(r, { outcome: r.outcome, outcomeLabel: r.outcomeLabel }) },
});
