// Referrals through the exploitation pathway: make one (for a person the referrer may already see, or someone new),
// list, read. Referring never widens what the referrer may see: they see their own agency's referrals.
import { randomUUID } from 'node:crypto';
import { type Actor, requireScope } from '../../platform/access/actor.ts';
import type { Action, Resource } from '../../platform/access/policy.ts';
import { assertMayOnReferral, mayReferForAgency, maySetReceivedAt } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, forbidden, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { claimRetryKey } from '../../platform/idempotency/retry.ts';
import { addDays, ukDate, ukDayStart } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { checkPerson } from '../people/domain.ts';
import { createPerson, personAccess } from '../people/use-cases.ts';
import { assertAgreement } from '../sharing-agreements/use-cases.ts';
import { recordVoice } from '../voice/record.ts';
import { checkReferral } from './domain.ts';
import { CreateReferralInput, type ReferralBody, ReferralId, ReferralQuery } from './schemas.ts';
import * as store from './store.ts';
import { type ReferralView, toView } from './view.ts';

export type { ReferralView } from './view.ts';

/**
 * A referral's key facts if the actor may do `action` on `resource` for it: partnership scope sees every referral,
 * agency scope only its own agency's. Other modules (screening, triage) check access through this.
 */
export async function referralInScope(db: Db, actor: Actor, referralId: string, resource: Resource, action: Action) {
  requireScope(actor, resource, action);
  const row = await store.referralFacts(db, actor.partnershipId, referralId);
  if (!row) throw notFound('The referral');
  assertMayOnReferral(actor, resource, action, { referringAgencyId: row.referring_agency_id });
  return row;
}

type Body = typeof ReferralBody.static;

/** Every check that needs no database, in the order of the form (subject first), for the error summary. */
export function referralErrors(actor: Actor, body: Body, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (!body.subject.personId) {
    const { personId: _, ...details } = body.subject;
    errors.push(...checkPerson({ givenName: '', familyName: '', ...details }, ukDate(now), 'subject.').errors);
  }
  errors.push(...checkReferral(body, now).errors);
  if (body.receivedAt && !maySetReceivedAt(actor)) {
    errors.push({ field: 'receivedAt', message: 'Only hub coordinators and partnership administrators may set when a referral was received' });
  }
  if (!mayReferForAgency(actor, body.referringAgencyId ?? actor.agencyId)) {
    errors.push({ field: 'referringAgencyId', message: 'You may only make referrals for your own agency' });
  }
  return errors;
}

/**
 * Makes a referral. With an idempotency key a retry of the same request returns the first referral (created: false);
 * the same key with a different request is refused.
 */
export const createReferral = useCase({
  name: 'referrals.create',
  permission: ['referral', 'create'],
  input: CreateReferralInput,
  async run(ctx, { idempotencyKey, ...body }): Promise<{ referral: ReferralView; created: boolean }> {
    const { db, actor, now } = ctx;
    const errors = referralErrors(actor, body, now);
    const { value } = checkReferral(body, now);
    if (errors.length > 0 || !value) throw new ValidationProblem(errors);
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, idempotencyKey, id, body);
      if (earlier) {
        const row = await store.findReferral(db, actor.partnershipId, earlier);
        if (!row) throw notFound('The referral');
        return { referral: toView(row), created: false };
      }
    }
    const referringAgencyId = value.referringAgencyId ?? actor.agencyId;
    if (!(await store.findAgency(db, actor.partnershipId, referringAgencyId))) {
      throw new ValidationProblem([{ field: 'referringAgencyId', message: 'Choose an agency of this partnership' }]);
    }
    let personId = body.subject.personId;
    if (personId) {
      // Only a person the referrer may already see: referring must not open a child's record to them.
      const access = await personAccess(db, actor, personId);
      if (access === 'missing')
        throw new ValidationProblem([
          { field: 'subject.personId', message: 'There is no person with that id: check it, or give the person’s details instead' },
        ]);
      if (access === 'forbidden') {
        throw forbidden(
          'You may refer by id only a person your agency already works with: give their details as someone new instead, and the hub will link the records',
        );
      }
    } else {
      const { personId: _, ...details } = body.subject;
      personId = await ctx.call(createPerson, { givenName: '', familyName: '', ...details });
    }
    // The agreement named must be one of the partnership's (422 naming the field, not a foreign key error).
    await assertAgreement(db, actor.partnershipId, value.sharingAgreementId);
    const receivedAt = value.receivedAt ?? now;
    const reference = await store.nextReference(db, actor.partnershipId, Number(ukDate(receivedAt).slice(0, 4)));
    await store.insertReferral(db, {
      partnership_id: actor.partnershipId,
      id,
      reference,
      person_id: personId,
      received_at: receivedAt,
      referring_agency_id: referringAgencyId,
      referrer_name: value.referrerName,
      referrer_role: value.referrerRole,
      referrer_contact: value.referrerContact,
      referrer_user_id: actor.via === 'system' ? null : actor.userId,
      concerns: value.concerns,
      exploitation_types: value.exploitationTypes,
      indicators: value.indicators,
      consent: value.consent,
      lawful_basis_reason: value.lawfulBasisReason,
      sharing_agreement_id: value.sharingAgreementId,
      urgency: value.urgency,
      created_by: actor.userId,
    });
    // The child's voice, as the referrer heard it.
    await recordVoice(db, actor, { personId, recordedIn: 'referral', recordId: id, childViews: body.childViews, familyViews: body.familyViews, at: now });
    const row = await store.findReferral(db, actor.partnershipId, id);
    if (!row) throw notFound('The referral');
    return { referral: toView(row), created: true };
  },
  audit: {
    change: 'referral.created',
    subject: (out) =>
      out.created
        ? {
            type: 'referral',
            id: out.referral.id,
            personId: out.referral.personId,
            details: { reference: out.referral.reference, urgency: out.referral.urgency },
          }
        : null,
  },
});

export const getReferral = useCase({
  name: 'referrals.get',
  permission: ['referral', 'read'],
  input: ReferralId,
  async run({ db, actor }, { id }): Promise<ReferralView & { subjectReadable: boolean }> {
    const row = await store.findReferral(db, actor.partnershipId, id);
    if (!row) throw notFound('The referral');
    assertMayOnReferral(actor, 'referral', 'read', { referringAgencyId: row.referring_agency_id });
    // A referrer sees what they supplied; the child's page only if they could already see it (no dead link).
    return { ...toView(row), subjectReadable: (await personAccess(db, actor, row.person_id)) === 'readable' };
  },
  audit: { read: 'referral.viewed', subject: (r) => ({ type: 'referral', id: r.id, personId: r.personId }) },
});

/** Lists referrals the actor may see; the listing (which shows names) is audited as one event. */
export const listReferrals = useCase({
  name: 'referrals.list',
  permission: ['referral', 'read'],
  input: ReferralQuery,
  async run({ db, actor, scope }, q): Promise<{ items: ReferralView[]; page: number; more: boolean }> {
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const { rows, more } = await store.listReferrals(db, actor.partnershipId, {
      agencyId: scope === 'partnership' ? null : actor.agencyId,
      personId: q.personId,
      status: q.status,
      receivedFrom: q.receivedFrom ? ukDayStart(q.receivedFrom) : undefined,
      receivedBefore: q.receivedTo ? ukDayStart(addDays(q.receivedTo, 1)) : undefined,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map(toView), page, more };
  },
  audit: { read: 'referral.listed', subject: (out, q) => ({ type: 'referral', personId: q.personId ?? null, details: { ...q, count: out.items.length } }) },
});
