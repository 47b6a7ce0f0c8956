// The regional export (issue 15.6, 15.7): pseudonymised rows of the children referred in a period, each with its
// keyed person hash and CLK. Person-level (if pseudonymised) and leaving the partnership: permission of its own
// (regional_export: the administrator and information governance), and every export audited with its period and
// row count. The secrets come from the environment through `keys`, never from the request.
import { ValidationProblem } from '../../platform/http/problems.ts';
import { periodErrors } from '../../platform/http/schemas.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { CLK_SCHEME, clkToBase64, encodeClk, fieldKeys } from './clk.ts';
import { ageBandOn, ethnicityGroup, personKey, type RegionalKeys, type RegionalRow, SCHEMA_VERSION } from './domain.ts';
import { ExportQuery } from './schemas.ts';
import * as store from './store.ts';

const district = (postcode: string | null) => {
  const m = /^([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}$/.exec((postcode ?? '').trim().toUpperCase());
  return m ? m[1] : null;
};

/** `keys` is asked for when the export runs (after the permission check), so an unset secret is a clear 409. */
export function exportRegionalWith(keys: () => RegionalKeys) {
  return useCase({
    name: 'regional.export',
    permission: ['regional_export', 'create'],
    input: ExportQuery,
    async run({ db, actor }, { from, to }) {
      const errors = periodErrors({ from, to });
      if (errors.length) throw new ValidationProblem(errors);
      const k = keys();
      const clkKeys = fieldKeys(k.linkageSecret);
      const partnership = await store.partnershipName(db, actor.partnershipId);
      const rows: RegionalRow[] = (await store.exportRows(db, actor.partnershipId, ukDayStart(from), ukDayStart(addDays(to, 1)))).map((s) => ({
        schemaVersion: SCHEMA_VERSION,
        partnership,
        personKey: personKey(s.person_id, k.personKey),
        ageBand: ageBandOn(s.date_of_birth, to),
        sex: s.sex ?? 'unknown',
        ethnicityGroup: ethnicityGroup(s.ethnicity),
        ward: s.ward,
        postcodeDistrict: district(s.postcode),
        riskLevel: s.risk_level,
        category: s.category,
        caseStatus: s.case_status,
        outcome: s.closure_reason,
        referrals: s.referrals,
        exploitationTypes: s.exploitation_types ?? [],
        missingEpisodes: s.missing_episodes,
        returnInterviewsCompleted: s.rhi_completed,
        clk: clkToBase64(encodeClk({ givenName: s.given_name, familyName: s.family_name, dateOfBirth: s.date_of_birth, postcode: s.postcode }, clkKeys)),
      }));
      return { schemaVersion: SCHEMA_VERSION, clkScheme: CLK_SCHEME, partnership, from, to, rows };
    },
    audit: {
      read: 'regional.exported',
      subject: (r) => ({ type: 'regional_export', details: { from: r.from, to: r.to, rows: r.rows.length, schemaVersion: r.schemaVersion } }),
    },
  });
}

export type RegionalExport = Awaited<ReturnType<ReturnType<typeof exportRegionalWith>['run']>>;
