// /api/v1/referrals: thin handlers over the referrals service.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { isIsoDate } from '../../platform/time.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { PersonDetails } from '../people/api.ts';
import { CONSENT, EXPLOITATION_TYPES, INDICATORS, STATUSES, URGENCY } from './domain.ts';
import type { ReferralView } from './service.ts';

const keys = (o: object) => Type.Union(Object.keys(o).map((k) => Type.Literal(k)));

const ReferralBody = Type.Object(
  {
    subject: Type.Composite([Type.Object({ personId: Type.Optional(Uuid) }), Type.Partial(PersonDetails)], {
      additionalProperties: false,
      description: 'An existing person ({"personId": ...}) or a new person’s details (givenName and familyName required)',
    }),
    referringAgencyId: Type.Optional(Uuid),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to now. Hub coordinators and partnership admins only.' })),
    referrerName: Type.String({ maxLength: 120 }),
    referrerRole: Type.Optional(Type.String({ maxLength: 120 })),
    referrerContact: Type.Optional(Type.String({ maxLength: 200 })),
    concerns: Type.String({ maxLength: 10000 }),
    exploitationTypes: Type.Optional(Type.Array(keys(EXPLOITATION_TYPES), { maxItems: 20 })),
    indicators: Type.Optional(Type.Array(keys(INDICATORS), { maxItems: 50 })),
    consent: keys(CONSENT),
    lawfulBasisReason: Type.Optional(Type.String({ maxLength: 2000 })),
    urgency: Type.Optional(keys(URGENCY)),
  },
  { additionalProperties: false },
);

export const ReferralSchema = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    personId: Uuid,
    receivedAt: Type.String({ format: 'date-time' }),
    referringAgencyId: Uuid,
    referringAgencyName: Type.String(),
    referrerName: Type.String(),
    referrerRole: Type.Union([Type.String(), Type.Null()]),
    referrerContact: Type.Union([Type.String(), Type.Null()]),
    concerns: Type.String(),
    exploitationTypes: Type.Array(Type.String()),
    indicators: Type.Array(Type.String()),
    consent: Type.String(),
    lawfulBasisReason: Type.Union([Type.String(), Type.Null()]),
    urgency: Type.String(),
    status: Type.String(),
    missingEssentials: Type.Array(Type.String(), { description: 'What the hub would need to chase: the referral’s quality' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Referral' },
);

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
  urgency: r.urgency,
  status: r.status,
  missingEssentials: r.missingEssentials,
  createdAt: new Date(r.createdAt).toISOString(),
});

export function referralsApi(api: FastifyInstance, svc: Services) {
  api.post(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Make a referral',
        description: 'Send an `Idempotency-Key` header to make retries safe: the same key returns the first referral (200) instead of a second.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: ReferralBody,
        response: withProblems({ 201: ReferralSchema, 200: ReferralSchema }, { 422: 'The referral is not valid: see errors' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { referral, created } = await svc.referrals.create(req.actor!, req.body as Record<string, unknown>, key ? `api:${key}` : undefined);
      return reply.status(created ? 201 : 200).header('location', `/api/v1/referrals/${referral.id}`).send(referralJson(referral));
    },
  );

  api.get(
    '/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'List referrals you may see',
        querystring: Type.Object({
          status: Type.Optional(keys(STATUSES)),
          receivedFrom: Type.Optional(IsoDate),
          receivedTo: Type.Optional(IsoDate),
          personId: Type.Optional(Uuid),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: withProblems({ 200: Type.Object({ items: Type.Array(ReferralSchema), page: Type.Integer(), more: Type.Boolean() }) }),
      },
    },
    async (req) => {
      const q = req.query as { status?: string; receivedFrom?: string; receivedTo?: string; personId?: string; page?: number; pageSize?: number };
      for (const f of ['receivedFrom', 'receivedTo'] as const) {
        if (q[f] && !isIsoDate(q[f] as string)) throw new ValidationProblem([{ field: f, message: `${f} must be a real date, like 2026-01-31` }]);
      }
      const result = await svc.referrals.list(req.actor!, q);
      return { ...result, items: result.items.map(referralJson) };
    },
  );

  api.get(
    '/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: 'One referral',
        params: Type.Object({ id: Uuid }),
        response: withProblems({ 200: ReferralSchema }, { 404: 'No such referral' }),
      },
    },
    async (req) => referralJson(await svc.referrals.get(req.actor!, (req.params as { id: string }).id)),
  );
}
