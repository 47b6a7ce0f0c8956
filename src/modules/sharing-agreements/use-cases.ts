// Data sharing agreements: listed and read by staff, recorded and updated by partnership administrators and
// information governance; the daily check flags agreements whose review date has passed to information governance.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type AgreementFields, type AgreementStatus, checkAgreement, coverage, type DataCategory, statusOf } from './domain.ts';
import { AgreementBody, AgreementId, UpdateAgreementInput } from './schemas.ts';
import * as store from './store.ts';

export interface AgreementView {
  id: string;
  title: string;
  purpose: string;
  lawfulBasis: string;
  dataCategories: DataCategory[];
  startDate: string;
  reviewDate: string;
  status: AgreementStatus;
  parties: { id: string; name: string }[];
  updatedAt: string;
}

const view = (r: store.AgreementRow, today: string): AgreementView => ({
  id: r.id,
  title: r.title,
  purpose: r.purpose,
  lawfulBasis: r.lawful_basis,
  dataCategories: r.data_categories as DataCategory[],
  startDate: r.starts_on,
  reviewDate: r.review_on,
  status: statusOf({ startDate: r.starts_on, reviewDate: r.review_on }, today),
  parties: r.parties,
  updatedAt: new Date(r.updated_at).toISOString(),
});

const NOT_PERSONAL = 'agreements between agencies: reference data, nothing about a person';

/** Every agreement, overdue first by review date, and which agencies' access each covers. */
export const listAgreements = useCase({
  name: 'sharing_agreements.list',
  permission: ['sharing_agreement', 'read'],
  input: undefined,
  async run({ db, actor, now }) {
    const today = ukDate(now);
    const [rows, agencies] = await Promise.all([store.agreements(db, actor.partnershipId), store.activeAgencies(db, actor.partnershipId)]);
    const items = rows.map((r) => view(r, today));
    return { items, coverage: coverage(agencies, items), overdue: items.filter((a) => a.status === 'overdue').length };
  },
  audit: { none: NOT_PERSONAL },
});

export const getAgreement = useCase({
  name: 'sharing_agreements.get',
  permission: ['sharing_agreement', 'read'],
  input: AgreementId,
  async run({ db, actor, now }, { id }) {
    const [row] = await store.agreements(db, actor.partnershipId, id);
    if (!row) throw notFound('The sharing agreement');
    return view(row, ukDate(now));
  },
  audit: { none: NOT_PERSONAL },
});

async function checked(db: Db, actor: Actor, input: AgreementFields) {
  const active = new Set((await store.activeAgencies(db, actor.partnershipId)).map((a) => a.id));
  const { value, errors } = checkAgreement(input, active);
  if (!value) throw new ValidationProblem(errors);
  return value;
}

const changed = (a: AgreementView) => ({
  type: 'sharing_agreement',
  id: a.id,
  details: { title: a.title, reviewDate: a.reviewDate, dataCategories: a.dataCategories, partyAgencyIds: a.parties.map((p) => p.id) },
});

export const createAgreement = useCase({
  name: 'sharing_agreements.create',
  permission: ['sharing_agreement', 'create'],
  input: AgreementBody,
  async run({ db, actor, now }, input) {
    const value = await checked(db, actor, input);
    const id = randomUUID();
    await store.insertAgreement(db, actor.partnershipId, id, value);
    const [row] = await store.agreements(db, actor.partnershipId, id);
    return view(row, ukDate(now));
  },
  audit: { change: 'sharing_agreement.created', subject: changed },
});

export const updateAgreement = useCase({
  name: 'sharing_agreements.update',
  permission: ['sharing_agreement', 'update'],
  input: UpdateAgreementInput,
  async run({ db, actor, now }, { id, ...input }) {
    if (!(await store.lockAgreement(db, actor.partnershipId, id))) throw notFound('The sharing agreement');
    const value = await checked(db, actor, input);
    await store.updateAgreement(db, actor.partnershipId, id, value);
    const [row] = await store.agreements(db, actor.partnershipId, id);
    return view(row, ukDate(now));
  },
  audit: { change: 'sharing_agreement.updated', subject: changed },
});

/**
 * The daily check: each agreement whose review date has passed is flagged once for that date
 * (`sharing_agreement.review_overdue`, which notifies information governance). Moving the review date on re-arms it.
 */
export const flagOverdueAgreements = useCase({
  name: 'sharing_agreements.flag_overdue',
  permission: ['sharing_agreement', 'update'],
  input: undefined,
  async run({ db, actor, now }) {
    return store.claimOverdue(db, actor.partnershipId, ukDate(now));
  },
  audit: {
    change: 'sharing_agreement.review_overdue',
    subject: (list) => (list.length ? list.map((a) => ({ type: 'sharing_agreement', id: a.id, details: { title: a.title, reviewDate: a.reviewDate } })) : null),
  },
});

/** For the referrals module: a 422 naming the field when the agreement is not one of the partnership's. */
export async function assertAgreement(db: Db, partnershipId: string, id: string | null | undefined, field = 'sharingAgreementId') {
  if (id && !(await store.agreementExists(db, partnershipId, id)))
    throw new ValidationProblem([{ field, message: 'Choose a data sharing agreement the partnership has recorded' }]);
}

export const agreementTitle = store.agreementTitle;
