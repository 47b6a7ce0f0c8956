// /api/v1/persons: thin handlers over the people service.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { ETHNICITIES, SEXES } from './domain.ts';
import type { PersonView } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const PersonDetails = Type.Object({
  givenName: Type.String({ maxLength: 100 }),
  familyName: Type.String({ maxLength: 100 }),
  aliases: Type.Optional(Type.Array(Type.Object({ givenName: Type.Optional(Type.String({ maxLength: 100 })), familyName: Type.Optional(Type.String({ maxLength: 100 })) }), { maxItems: 10 })),
  dateOfBirth: Type.Optional(Type.String({ description: 'YYYY-MM-DD; omit when unknown' })),
  dobPrecision: Type.Optional(Type.Union([Type.Literal('exact'), Type.Literal('approximate'), Type.Literal('unknown')])),
  sex: Type.Optional(Type.Union(SEXES.map((s) => Type.Literal(s)))),
  ethnicity: Type.Optional(Type.Union(Object.keys(ETHNICITIES).map((k) => Type.Literal(k)), { description: 'ONS 2021 ethnic group' })),
  firstLanguage: Type.Optional(Type.String({ maxLength: 60 })),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  postcode: Type.Optional(Type.String({ maxLength: 10 })),
  nhsNumber: Type.Optional(Type.String({ maxLength: 12, description: '10 digits with a modulus 11 check digit' })),
  policeReference: Type.Optional(Type.String({ maxLength: 40 })),
  laCaseReference: Type.Optional(Type.String({ maxLength: 40 })),
  schoolUpn: Type.Optional(Type.String({ maxLength: 13 })),
  placedByOtherLa: Type.Optional(Type.Boolean()),
  placingAuthority: Type.Optional(Type.String({ maxLength: 120 })),
});

const PersonSchema = Type.Object(
  {
    id: Uuid,
    givenName: Type.String(),
    familyName: Type.String(),
    aliases: Type.Array(Type.Object({ givenName: Nullable(Type.String()), familyName: Nullable(Type.String()) })),
    dateOfBirth: Type.Union([IsoDate, Type.Null()]),
    dobPrecision: Type.String(),
    sex: Nullable(Type.String()),
    ethnicity: Nullable(Type.String()),
    firstLanguage: Nullable(Type.String()),
    address: Nullable(Type.String()),
    postcode: Nullable(Type.String()),
    nhsNumber: Nullable(Type.String()),
    policeReference: Nullable(Type.String()),
    laCaseReference: Nullable(Type.String()),
    schoolUpn: Nullable(Type.String()),
    placedByOtherLa: Type.Boolean(),
    placingAuthority: Nullable(Type.String()),
    agencies: Type.Array(Type.Object({ id: Uuid, name: Type.String(), sector: Type.String() }), { description: 'Agencies involved with the person' }),
  },
  { $id: 'Person' },
);

export const personJson = (p: PersonView) => {
  const { age: _age, ethnicityLabel: _label, createdAt: _created, ...rest } = p;
  return rest;
};

export function peopleApi(api: FastifyInstance, svc: Services) {
  api.get(
    '/persons/:id',
    {
      schema: {
        tags: ['persons'],
        summary: 'One person (the read is audited)',
        params: Type.Object({ id: Uuid }),
        response: withProblems({ 200: PersonSchema }, { 404: 'No such person' }),
      },
    },
    async (req) => personJson(await svc.people.get(req.actor!, (req.params as { id: string }).id)),
  );
}
