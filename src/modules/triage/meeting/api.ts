// GET /api/v1/triage/meetings/{date} and POST /api/v1/triage/decisions/{id}/corrections
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, Uuid, withProblems } from '../../../platform/http/schemas.ts';
import { CorrectionBody, MeetingDaySchema } from './schemas.ts';
import { correctTriageDecision, triageMeetingDay } from './use-cases.ts';

const Corrected = Type.Object({
  id: Uuid,
  referralId: Uuid,
  personId: Uuid,
  version: Type.Integer(),
  from: Type.Object({ outcome: Type.String(), category: Type.String() }),
  to: Type.Object({ outcome: Type.String(), category: Type.String() }),
  reason: Type.String(),
});

export function triageMeetingApi(api: FastifyInstance) {
  api.get(
    '/triage/meetings/:date',
    {
      config: { useCases: [triageMeetingDay] },
      schema: {
        tags: ['triage'],
        summary: 'What the triage meeting of a day decided, with each decision’s corrections',
        description: 'The decisions you may read (the hub: all), in the order decided; `history` holds the versions a correction replaced.',
        params: Type.Object({ date: IsoDate }),
        response: withProblems({ 200: MeetingDaySchema }),
      },
    },
    async (req) => req.run(triageMeetingDay, { day: (req.params as { date: string }).date }),
  );
  api.post(
    '/triage/decisions/:id/corrections',
    {
      config: { useCases: [correctTriageDecision] },
      schema: {
        tags: ['triage'],
        summary: 'Correct a triage decision (hub coordinator): the earlier version is kept',
        description: 'Send the `version` you read; when someone corrected the decision meanwhile the answer is 409 and nothing changes.',
        params: Type.Object({ id: Uuid }),
        body: CorrectionBody,
        response: withProblems(
          { 201: Corrected },
          { 403: 'Only the hub coordinator corrects decisions', 404: 'No such decision', 409: 'Corrected meanwhile: reload', 422: 'Not valid (see errors)' },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(correctTriageDecision, { id: (req.params as { id: string }).id, ...(req.body as object) } as never)),
  );
}
