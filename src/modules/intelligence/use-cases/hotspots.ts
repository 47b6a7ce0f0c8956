// Hotspots: concerns by ward and category over a period, and the locations behind them, for the map and its table.
// Counted only from links the reader may see.
import { restrictedViewer } from '../../../platform/access/rules.ts';
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { periodErrors } from '../../../platform/http/schemas.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { HotspotsQuery } from '../schemas.ts';
import * as store from '../store.ts';
import { CATEGORIES, DEFAULT_WARDS, LOCATION_TYPE_LABELS } from '../vocab.ts';

export const getHotspots = useCase({
  name: 'intelligence.hotspots',
  permission: ['intelligence', 'read'],
  input: HotspotsQuery,
  async run({ db, actor }, q) {
    const errors = periodErrors(q);
    if (errors.length > 0) throw new ValidationProblem(errors);
    const viewer = restrictedViewer(actor);
    const [byWard, locations] = await Promise.all([
      store.hotspots(db, actor.partnershipId, viewer, q.from, q.to, q.category),
      store.hotspotLocations(db, actor.partnershipId, viewer, q.from, q.to, q.category),
    ]);
    const wards = DEFAULT_WARDS.map((ward) => {
      const rows = byWard.filter((r) => r.ward === ward);
      return { ward, concerns: rows.reduce((n, r) => n + r.concerns, 0), byCategory: Object.fromEntries(rows.map((r) => [r.category, r.concerns])) };
    });
    return {
      from: q.from,
      to: q.to,
      category: q.category ?? null,
      wards,
      categories: CATEGORIES.filter((c) => byWard.some((r) => r.category === c)),
      locations: locations.map((l) => ({
        id: l.id,
        label: l.label,
        locationType: l.location_type,
        locationTypeLabel: LOCATION_TYPE_LABELS[l.location_type as keyof typeof LOCATION_TYPE_LABELS] ?? l.location_type,
        ward: l.ward,
        x: l.x,
        y: l.y,
        concerns: l.concerns,
      })),
    };
  },
  audit: { none: 'places and counts of concerns by ward: nothing about a person' },
});
