// Referrals through the exploitation pathway: make one (for an existing or new person), list, read.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { type Action, type Resource, scopeFor } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDate, ukDayStart } from '../../platform/time.ts';
import { type PersonInput, validatePerson } from '../people/domain.ts';
import * as people from '../people/store.ts';
import { CONSENT, EXPLOITATION_TYPES, INDICATORS, missingEssentialsOf, STATUSES, URGENCY, validateReferral } from './domain.ts';
import * as store from './store.ts';

export interface ReferralView {
  id: string;
  reference: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  receivedAt: Date;
  referringAgencyId: string;
  referringAgencyName: string;
  referringAgencySector: string;
  referrerName: string;
  referrerRole: string | null;
  referrerContact: string | null;
  concerns: string;
  exploitationTypes: string[];
  exploitationTypeLabels: string[];
  indicators: string[];
  indicatorLabels: string[];
  consent: string;
  consentLabel: string;
  lawfulBasisReason: string | null;
  urgency: string;
  urgencyLabel: string;
  status: string;
  statusLabel: string;
  missingEssentials: string[];
  createdAt: Date;
}

const label = <T extends Record<string, string>>(vocab: T, key: string) => vocab[key as keyof T] ?? key;

export function toView(r: store.ReferralRow): ReferralView {
  return {
    id: r.id,
    reference: r.reference,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    receivedAt: new Date(r.received_at),
    referringAgencyId: r.referring_agency_id,
    referringAgencyName: r.referring_agency_name,
    referringAgencySector: r.referring_agency_sector,
    referrerName: r.referrer_name,
    referrerRole: r.referrer_role,
    referrerContact: r.referrer_contact,
    concerns: r.concerns,
    exploitationTypes: r.exploitation_types,
    exploitationTypeLabels: r.exploitation_types.map((t) => label(EXPLOITATION_TYPES, t)),
    indicators: r.indicators,
    indicatorLabels: r.indicators.map((i) => label(INDICATORS, i)),
    consent: r.consent,
    consentLabel: label(CONSENT, r.consent),
    lawfulBasisReason: r.lawful_basis_reason,
    urgency: r.urgency,
    urgencyLabel: label(URGENCY, r.urgency),
    status: r.status,
    statusLabel: label(STATUSES, r.status),
    missingEssentials: missingEssentialsOf(r),
    createdAt: r.created_at,
  };
}

export interface ListQuery {
  status?: string;
  receivedFrom?: string;
  receivedTo?: string;
  personId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Loads a referral's key facts if the actor may do `action` on `resource` for it: partnership scope sees every
 * referral, agency scope only those its agency made. Other modules (screening, triage) check access through this.
 */
export async function referralInScope(db: Db, actor: Actor, referralId: string, resource: Resource, action: Action) {
  const scope = requireScope(actor, resource, action);
  if (!isUuid(referralId)) throw notFound('The referral');
  const row = await db
    .selectFrom('referral')
    .select(['id', 'reference', 'person_id', 'referring_agency_id', 'status', 'received_at', 'urgency'])
    .where('partnership_id', '=', actor.partnershipId)
    .where('id', '=', referralId)
    .executeTakeFirst();
  if (!row) throw notFound('The referral');
  if (scope !== 'partnership' && row.referring_agency_id !== actor.agencyId) throw forbidden('This referral was made by another agency');
  return row;
}

/** Validation that needs no database: the referral, its subject, and what the actor may set. */
function check(actor: Actor, raw: Record<string, unknown>, now: Date) {
  const scope = requireScope(actor, 'referral', 'create');
  // Subject errors first: the GOV.UK error summary lists errors in the order of the form.
  const errors: FieldError[] = [];
  const { value, errors: referralErrors } = validateReferral(raw, now);
  const subject = raw.subject;
  let personId: string | null = null;
  let newPerson: PersonInput | null = null;
  if (!subject || typeof subject !== 'object' || Array.isArray(subject)) {
    errors.push({ field: 'subject', message: 'Say who the referral is about: an existing person, or a new person’s details' });
  } else if (typeof (subject as { personId?: unknown }).personId === 'string' && (subject as { personId: string }).personId) {
    personId = (subject as { personId: string }).personId;
  } else {
    const p = validatePerson(subject as Record<string, unknown>, ukDate(now), 'subject.');
    errors.push(...p.errors);
    newPerson = p.value ?? null;
  }
  errors.push(...referralErrors);
  if (value?.receivedAt && !scopeFor(actor.role, 'referral', 'set_received_at')) {
    errors.push({ field: 'receivedAt', message: 'Only hub coordinators and partnership administrators may set when a referral was received' });
  }
  const referringAgencyId = value?.referringAgencyId ?? actor.agencyId;
  if (value && scope === 'agency' && referringAgencyId !== actor.agencyId) {
    errors.push({ field: 'referringAgencyId', message: 'You may only make referrals for your own agency' });
  }
  return { value, errors, personId, newPerson, referringAgencyId };
}

export function referralsService(db: Db) {
  const service = {
    /** The field errors a referral would get, without saving anything (for forms with errors of their own). */
    validate(actor: Actor, raw: Record<string, unknown>): FieldError[] {
      return check(actor, raw, new Date()).errors;
    },

    /**
     * Makes a referral. `subject` is `{personId}` or a new person's details. With an idempotency key
     * (API header, or the form's submission id) a retry returns the first referral instead of a second.
     */
    async create(actor: Actor, raw: Record<string, unknown>, idempotencyKey?: string): Promise<{ referral: ReferralView; created: boolean }> {
      const now = new Date();
      const { value, errors, personId: existingId, newPerson, referringAgencyId } = check(actor, raw, now);
      if (errors.length > 0 || !value) throw new ValidationProblem(errors);
      let personId = existingId;

      const outcome = await db.transaction().execute(async (tx) => {
        const id = randomUUID();
        if (idempotencyKey) {
          const earlier = await store.claimIdempotencyKey(tx, actor.partnershipId, actor.userId, idempotencyKey, id);
          if (earlier) return { id: earlier, created: false };
        }
        const agency = await tx
          .selectFrom('agency')
          .select(['id', 'active'])
          .where('partnership_id', '=', actor.partnershipId)
          .where('id', '=', referringAgencyId)
          .executeTakeFirst();
        if (!agency) throw new ValidationProblem([{ field: 'referringAgencyId', message: 'Choose an agency of this partnership' }]);
        if (personId) {
          if (!(await people.findPerson(tx, actor.partnershipId, personId))) {
            throw new ValidationProblem([{ field: 'subject.personId', message: 'There is no person with that id: check it, or give the person’s details instead' }]);
          }
        } else {
          personId = await people.insertPerson(tx, actor.partnershipId, newPerson!);
          await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'person.created', resourceType: 'person', resourceId: personId, personId });
        }
        await people.involveAgency(tx, actor.partnershipId, personId, referringAgencyId);
        const receivedAt = value.receivedAt ?? now;
        const reference = await store.nextReference(tx, actor.partnershipId, Number(ukDate(receivedAt).slice(0, 4)));
        await tx
          .insertInto('referral')
          .values({
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
            urgency: value.urgency,
            created_by: actor.userId,
          })
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'referral.created',
          resourceType: 'referral',
          resourceId: id,
          personId,
          details: { reference, urgency: value.urgency },
        });
        return { id, created: true };
      });
      const row = await store.findReferral(db, actor.partnershipId, outcome.id);
      if (!row) throw notFound('The referral');
      return { referral: toView(row), created: outcome.created };
    },

    async get(actor: Actor, id: string): Promise<ReferralView> {
      const scope = requireScope(actor, 'referral', 'read');
      if (!isUuid(id)) throw notFound('The referral');
      return db.transaction().execute(async (tx) => {
        const row = await store.findReferral(tx, actor.partnershipId, id);
        if (!row) throw notFound('The referral');
        if (scope !== 'partnership' && row.referring_agency_id !== actor.agencyId) throw forbidden('This referral was made by another agency');
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'referral.viewed', resourceType: 'referral', resourceId: id, personId: row.person_id });
        return toView(row);
      });
    },

    /** Lists referrals the actor may see; the listing (which shows names) is audited as one event. */
    async list(actor: Actor, q: ListQuery): Promise<{ items: ReferralView[]; page: number; more: boolean }> {
      const scope = requireScope(actor, 'referral', 'read');
      const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
      const page = Math.max(q.page ?? 1, 1);
      return db.transaction().execute(async (tx) => {
        const { rows, more } = await store.listReferrals(tx, actor.partnershipId, {
          agencyId: scope === 'partnership' ? null : actor.agencyId,
          personId: q.personId,
          status: q.status,
          receivedFrom: q.receivedFrom ? ukDayStart(q.receivedFrom) : undefined,
          receivedBefore: q.receivedTo ? ukDayStart(addDays(q.receivedTo, 1)) : undefined,
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'referral.listed',
          resourceType: 'referral',
          personId: q.personId ?? null,
          details: { ...q, count: rows.length },
        });
        return { items: rows.map(toView), page, more };
      });
    },
  };
  return service;
}

export type ReferralsService = ReturnType<typeof referralsService>;
