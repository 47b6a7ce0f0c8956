// /api/v1/referrals: thin handlers over the referral use cases.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { withProblems } from '../../platform/http/schemas.ts';
import { type ReferralOutcome, referralOutcome } from '../triage/use-cases.ts';
import { ReferralBody, ReferralId, ReferralQuery, ReferralSchema } from './schemas.ts';
import { createReferral, getReferral, listReferrals, type ReferralView } from './use-cases.ts';

export const referralJson = (r: ReferralView) => ({
  id: r.id,
  reference: r.reference,
  personId: r.personId,
  receivedAt: r.receivedAt.toISOString(),
  referringAgencyId: r.referringAgencyId,
  referringAgencyName: r.referringAgencyName,
  referrerName: r.referrerName,
  referrerRole: r.referrerRole,
  referrerContact: r.referrerContact,
  concerns: r.concerns,
  exploitationTypes: r.exploitationTypes,
  indicators: r.indicators,
  consent: r.consent,
  lawfulBasisReason: r.lawfulBasisReason,
  sharingAgreementId: r.sharingAgreementId,
  urgency: r.urgency,
  status: r.status,
  missingEssentials: r.missingEssentials,
  createdAt: new Date(r.createdAt).toISOString(),
});

export const outcomeJson = (o: ReferralOutcome) => ({
  decision: o.decision?.outcome ?? null,
  category: o.decision?.category ?? null,
  decidedAt: o.decision?.decidedAt.toISOString() ?? null,
  rationaleSummary: o.decision?.rationaleSummary ?? null,
  screeningLevel: o.screening?.level ?? null,
  actions: o.actions.map((a) => ({
    id: a.id,
    description: a.description,
    ownerAgencyId: a.ownerAgencyId,
    ownerAgencyName: a.ownerAgencyName,
    dueDate: a.dueDate,
    status: a.status,
  })),
});

export function referralsApi(api: FastifyInstance) {
  api.post(
    '/referrals',
    {
      config: { useCases: [createReferral] },
      schema: {
        tags: ['referrals'],
        summary: 'Make a referral',
        description:
          'Send an `Idempotency-Key` header to make retries safe: the same key with the same body returns the first referral (200) instead of a second; the same key with a different body is refused (422). `subject.personId` must be a person you may already see; otherwise give their details and the hub links the records.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: ReferralBody,
        response: withProblems(
          { 201: ReferralSchema, 200: ReferralSchema },
          { 422: 'The referral is not valid, or the Idempotency-Key was used for a different request' },
        ),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { referral, created } = await req.run(createReferral, { ...(req.body as object), ...(key ? { idempotencyKey: `api:${key}` } : {}) });
      return reply
        .status(created ? 201 : 200)
        .header('location', `/api/v1/referrals/${referral.id}`)
        .send(referralJson(referral));
    },
  );

  api.get(
    '/referrals',
    {
      config: { useCases: [listReferrals] },
      schema: {
        tags: ['referrals'],
        summary: 'List referrals you may see',
        querystring: ReferralQuery,
        response: withProblems({ 200: Type.Object({ items: Type.Array(ReferralSchema), page: Type.Integer(), more: Type.Boolean() }) }),
      },
    },
    async (req) => {
      const result = await req.run(listReferrals, req.query);
      return { ...result, items: result.items.map(referralJson) };
    },
  );

  api.get(
    '/referrals/:id',
    {
      config: { useCases: [getReferral, referralOutcome] },
      schema: {
        tags: ['referrals'],
        summary: 'One referral, with its outcome',
        description:
          '`outcome` is what the hub decided: the level of risk and category, a summary of the reasons, the latest screening level, and the actions your agency owns. The referring agency sees this for its own referrals and nothing more of the case.',
        params: ReferralId,
        response: withProblems({ 200: ReferralSchema }, { 404: 'No such referral' }),
      },
    },
    async (req) => {
      const referral = await req.run(getReferral, req.params);
      return { ...referralJson(referral), outcome: outcomeJson(await req.run(referralOutcome, { id: referral.id })) };
    },
  );
}
