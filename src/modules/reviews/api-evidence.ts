// /api/v1/reviews/{id}/recommendations/{number}: its lead (PATCH) and its evidence (Jigsaw's figures for a period, or
// a document), and a document's download.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { addEvidence, evidenceDocument, setLead } from './evidence.ts';
import { sendDocument } from './http.ts';
import { AddEvidenceInput, SetLeadInput } from './schemas.ts';
import type { RecommendationView } from './view.ts';

type Schemas = { tags: string[]; RecParams: ReturnType<typeof Type.Object>; RecommendationSchema: ReturnType<typeof Type.Object> };
const params = (req: { params: unknown }) => req.params as { id: string; number: number };

export function evidenceApi(api: FastifyInstance, { tags, RecParams, RecommendationSchema }: Schemas) {
  api.patch(
    '/reviews/:id/recommendations/:number',
    {
      config: { useCases: [setLead] },
      schema: {
        tags,
        summary: 'Change who leads the recommendation: the officer as worded, their organisation, their Jigsaw account',
        description: '`leadUserId` (or null): the lead’s account; only a lead with one is reminded of updates due, and then their manager.',
        params: RecParams,
        body: Type.Omit(SetLeadInput, ['id', 'number'], {
          examples: [{ leadOfficer: 'Dee Demo-Safeguarding, Head of Safeguarding', leadOrganisation: 'Northmoor Borough Council (fictional)' }],
        }),
        response: withProblems({ 200: RecommendationSchema }, { 404: 'No such review or recommendation', 422: 'Not valid' }),
      },
    },
    async (req): Promise<RecommendationView> => req.run(setLead, { ...(req.body as object), ...params(req) }),
  );

  api.post(
    '/reviews/:id/recommendations/:number/evidence',
    {
      config: { useCases: [addEvidence] },
      schema: {
        tags,
        summary: 'Add evidence: Jigsaw’s own figures for a period (`report`), or a document (`document`, base64, up to 10 MB)',
        description: 'Give one of `report` (`kind` triage or missing, `from`, `to`) and `document` (`fileName`, `contentBase64`).',
        params: RecParams,
        body: Type.Omit(AddEvidenceInput, ['id', 'number'], {
          examples: [{ title: 'Return home interviews, second quarter (fictional)', report: { kind: 'missing', from: '2026-07-01', to: '2026-09-30' } }],
        }),
        response: withProblems({ 201: RecommendationSchema }, { 404: 'No such review or recommendation', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(addEvidence, { ...(req.body as { title: string }), ...params(req) })),
  );

  api.get(
    '/reviews/:id/recommendations/:number/evidence/:evidenceId',
    {
      config: { useCases: [evidenceDocument] },
      schema: {
        tags,
        summary: 'Download an evidence document',
        params: Type.Object({ ...RecParams.properties, evidenceId: Uuid }),
        response: withProblems(
          { 200: Type.Unsafe({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }) },
          { 404: 'No such document' },
        ),
      },
    },
    async (req, reply) => {
      const d = await req.run(evidenceDocument, req.params as { id: string; number: number; evidenceId: string });
      return sendDocument(reply, d);
    },
  );
}
