// GET /api/v1/regional/export?from=&to=: the regional dataset as JSON (schema docs/regional/schema-v1.json).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, withProblems } from '../../platform/http/schemas.ts';
import { type COLUMNS, regionalKeys } from './domain.ts';
import { ExportQuery } from './schemas.ts';
import { exportRegionalWith } from './use-cases.ts';

const S = Type.String();
const N = Type.Union([Type.String(), Type.Null()]);
const I = Type.Integer({ minimum: 0 });
const fields: Record<(typeof COLUMNS)[number], ReturnType<typeof Type.String> | typeof N | typeof I | ReturnType<typeof Type.Array>> = {
  schemaVersion: Type.String({ description: 'Always "1" in this version' }),
  partnership: S,
  personKey: Type.String({ description: 'HMAC-SHA256 of the person id under the partnership’s own key (hex)' }),
  ageBand: S,
  sex: S,
  ethnicityGroup: S,
  ward: N,
  postcodeDistrict: N,
  riskLevel: N,
  category: N,
  caseStatus: N,
  outcome: N,
  referrals: I,
  exploitationTypes: Type.Array(S),
  missingEpisodes: I,
  returnInterviewsCompleted: I,
  clk: Type.String({ description: '1024-bit Bloom filter of names, date of birth and postcode, base64' }),
};
const Export = Type.Object(
  {
    schemaVersion: S,
    clkScheme: S,
    partnership: S,
    from: IsoDate,
    to: IsoDate,
    rows: Type.Array(Type.Object(fields)),
  },
  { $id: 'RegionalExport' },
);

export function regionalApi(api: FastifyInstance) {
  // The secrets are read when an export runs, so setting them needs no restart of the route table.
  const exportRegional = exportRegionalWith(() => regionalKeys(process.env));
  api.get(
    '/regional/export',
    {
      config: { useCases: [exportRegional] },
      schema: {
        tags: ['regional'],
        summary: 'Pseudonymised rows of the children referred in a period, for the region to pool (administrator, information governance)',
        querystring: ExportQuery,
        response: withProblems({ 200: Export }, { 409: 'Regional export not set up (its secrets are not configured)', 422: 'Not a period' }),
      },
    },
    async (req) => req.run(exportRegional, req.query as { from: string; to: string }),
  );
}
