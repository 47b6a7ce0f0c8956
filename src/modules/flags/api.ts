// /api/v1: a child's flags (set, end, list) and the partner systems' look-up GET /api/v1/flags, rate limited per
// token (counted in the database: platform/http/rate-limit) with a 429 problem+json answer.
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { FLAG } from './domain.ts';
import { FlagBody } from './schemas.ts';
import { endFlag, lookupFlag, personFlags, setFlag } from './use-cases.ts';

const tags = ['flags'];
const N = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Contact = Type.Object({ name: Type.String(), phone: N(Type.String()), email: N(Type.String()), agency: Type.String() });
const Flag = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    flag: Type.Literal(FLAG),
    flagLabel: Type.String(),
    from: IsoDate,
    until: N(IsoDate),
    contact: Contact,
    setBy: N(Type.String()),
    setAt: Type.String({ format: 'date-time' }),
    endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    endedBy: N(Type.String()),
    inForce: Type.Boolean({ description: 'Not ended, started, and not past its until date' }),
  },
  { $id: 'PersonFlag' },
);
const Answer = Type.Union(
  [
    Type.Object({ flag: Type.Literal(FLAG), from: IsoDate, until: N(IsoDate), contact: Contact }, { additionalProperties: false }),
    Type.Object({ flag: Type.Null() }, { additionalProperties: false }),
  ],
  { $id: 'FlagLookupAnswer', description: 'The flag in force, its dates and who to contact; `{ "flag": null }` for anyone else, whoever they are' },
);

// Documents the question; the use case checks it (LookupQuery), so a bad NHS number or date is a 422 naming the field.
const LookupParams = Type.Object({
  nhsNumber: Type.Optional(Type.String({ description: '10 digits with a valid check digit; spaces ignored' })),
  givenName: Type.Optional(Type.String({ description: 'Exact, case-insensitive; with familyName and dateOfBirth' })),
  familyName: Type.Optional(Type.String()),
  dateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })),
});

/** The limit's key: a digest of the bearer token (never the token itself in the counters' table). */
const tokenKey = (req: FastifyRequest) =>
  `flag-lookup:${createHash('sha256')
    .update(req.headers.authorization ?? req.ip)
    .digest('hex')
    .slice(0, 32)}`;

/** `lookupsPerMinute`: the configured limit per token (config.flagLookupsPerMinute). */
export function flagsApi(api: FastifyInstance, lookupsPerMinute: number) {
  const person = Type.Object({ id: Uuid });
  api.get(
    '/persons/:id/flags',
    {
      config: { useCases: [personFlags] },
      schema: { tags, summary: 'A child’s flags, in force and past', params: person, response: withProblems({ 200: Type.Array(Flag) }) },
    },
    async (req) => (await req.run(personFlags, { personId: (req.params as { id: string }).id })).flags,
  );
  api.post(
    '/persons/:id/flags',
    {
      config: { useCases: [setFlag] },
      schema: {
        tags,
        summary: 'Flag a child at risk of exploitation, with dates and who to contact (hub coordinator; a worker on the case in its lead agency)',
        params: person,
        body: FlagBody,
        response: withProblems({ 201: Flag }, { 404: 'No such person', 409: 'The child already has a flag', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(setFlag, { ...(req.body as object), personId: (req.params as { id: string }).id })),
  );
  api.post(
    '/persons/:id/flags/:flagId/end',
    {
      config: { useCases: [endFlag] },
      schema: {
        tags,
        summary: 'End a child’s flag',
        params: Type.Object({ id: Uuid, flagId: Uuid }),
        response: withProblems({ 200: Flag }, { 404: 'No such flag', 409: 'Already ended' }),
      },
    },
    async (req) => {
      const p = req.params as { id: string; flagId: string };
      return req.run(endFlag, { personId: p.id, flagId: p.flagId });
    },
  );
  api.get(
    '/flags',
    {
      config: { useCases: [lookupFlag], rateLimit: { max: lookupsPerMinute, timeWindow: '1 minute', keyGenerator: tokenKey } },
      schema: {
        tags,
        summary:
          'Look a child up by exact NHS number, or by given name, family name and date of birth (role flag_lookup). Every look-up is audited and the lead agency told of one that finds a flag.',
        querystring: LookupParams,
        response: withProblems({ 200: Answer }, { 422: 'Not a valid question (names the field)', 429: 'Too many look-ups: wait a minute' }),
      },
    },
    async (req) => (await req.run(lookupFlag, req.query)).answer,
  );
}
