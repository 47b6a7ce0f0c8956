// /api/v1/meeting-types: the partnership's meeting types, kept by the partnership admin (list, create, update).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/http/problems.ts';
import { withProblems } from '../../../platform/http/schemas.ts';
import { allMeetingTypes, createMeetingType, updateMeetingType } from './admin.ts';
import { CreateMeetingTypeInput, MeetingTypeSchema, UpdateMeetingTypeBody } from './schemas.ts';

const tags = ['meetings'];
const Params = Type.Object({ code: Type.String({ maxLength: 40 }) });
const code = (req: FastifyRequest) => {
  const c = (req.params as { code: string }).code;
  if (!/^[a-z0-9_]{1,40}$/.test(c)) throw notFound('The meeting type');
  return c;
};

export function meetingTypesApi(api: FastifyInstance) {
  api.get(
    '/meeting-types',
    {
      config: { useCases: [allMeetingTypes] },
      schema: { tags, summary: 'Every meeting type of the partnership, in use or not', response: withProblems({ 200: Type.Array(MeetingTypeSchema) }) },
    },
    async (req) => req.run(allMeetingTypes),
  );
  api.post(
    '/meeting-types',
    {
      config: { useCases: [createMeetingType] },
      schema: {
        tags,
        summary: 'Add a meeting type',
        body: CreateMeetingTypeInput,
        response: withProblems({ 201: MeetingTypeSchema }, { 422: 'A field is missing or not valid, or the name or code is taken' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createMeetingType, req.body as never)),
  );
  api.patch(
    '/meeting-types/:code',
    {
      config: { useCases: [updateMeetingType] },
      schema: {
        tags,
        summary: 'Change a meeting type (fields left out are unchanged)',
        params: Params,
        body: UpdateMeetingTypeBody,
        response: withProblems({ 200: MeetingTypeSchema }, { 404: 'No such meeting type', 422: 'A field is not valid' }),
      },
    },
    async (req) => {
      const { changed: _, ...t } = await req.run(updateMeetingType, { ...(req.body as object), code: code(req) } as never);
      return t;
    },
  );
}
