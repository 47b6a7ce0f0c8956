// /api/v1/contexts/toolkit: the context assessment toolkit of each kind of context (read by whoever assesses
// contexts); adding an area to a kind and renaming, withdrawing or bringing back an area (administrator, hub coordinator).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../platform/http/problems.ts';
import { withProblems } from '../../../platform/http/schemas.ts';
import { AREA_CODE, isContextKind } from './domain.ts';
import { AddAreaBody, ChangeAreaBody, ToolkitAreaSchema, ToolkitSchema } from './schemas.ts';
import { addToolkitArea, changeToolkitArea, contextToolkit } from './use-cases.ts';

const tags = ['contexts'];
const KindParams = Type.Object({ kind: Type.String({ maxLength: 40, description: 'place, peer_group, school or online_space' }) });
const AreaParams = Type.Object({ ...KindParams.properties, code: Type.String({ maxLength: 40 }) });

/** A kind or code that names nothing is a 404 (after the permission check), not a list of field errors. */
export function areaPath(req: FastifyRequest) {
  const { kind, code } = req.params as { kind: string; code?: string };
  if (!isContextKind(kind)) throw notFound('The kind of context');
  if (code !== undefined && !AREA_CODE.test(code)) throw notFound('The assessment area');
  return { kind, code: code ?? '' };
}

export function contextToolkitApi(api: FastifyInstance) {
  api.get(
    '/contexts/toolkit',
    {
      config: { useCases: [contextToolkit] },
      schema: {
        tags,
        summary: 'The context assessment toolkit: for each kind of context, its areas (defaults, renamed, the partnership’s own), offered or withdrawn',
        response: withProblems({ 200: ToolkitSchema }),
      },
    },
    async (req) => req.run(contextToolkit, undefined),
  );
  api.post(
    '/contexts/toolkit/:kind',
    {
      config: { useCases: [addToolkitArea] },
      schema: {
        tags,
        summary: 'Add an area to the toolkit of a kind of context (its code made from the label)',
        params: KindParams,
        body: AddAreaBody,
        response: withProblems({ 201: ToolkitAreaSchema }, { 404: 'No such kind of context', 409: 'The kind has an area of that label', 422: 'Not valid' }),
      },
    },
    async (req, reply) => {
      const { kind } = areaPath(req);
      return reply.status(201).send(await req.run(addToolkitArea, { ...(req.body as object), kind }));
    },
  );
  api.put(
    '/contexts/toolkit/:kind/:code',
    {
      config: { useCases: [changeToolkitArea] },
      schema: {
        tags,
        summary: 'Rename an area, withdraw it from new assessments or bring it back (a default renamed keeps its code)',
        params: AreaParams,
        body: ChangeAreaBody,
        response: withProblems(
          { 200: ToolkitAreaSchema },
          { 404: 'No such kind of context or area', 409: 'Another area of the kind has that label', 422: 'Not valid' },
        ),
      },
    },
    async (req) => {
      const { changed: _, before: __, ...area } = await req.run(changeToolkitArea, { ...(req.body as object), ...areaPath(req) });
      return area;
    },
  );
}
