// Fictional demo contexts: the intelligence demo's park, peer group and takeaway opened as contexts (the same
// records), each assessed against the toolkit, with demo children linked and a survey of feelings of safety, and
// the domain events so the children's chronologies say so. All made up.
import { randomUUID } from 'node:crypto';
import { toolkit } from '../modules/contexts/domain.ts';
import * as store from '../modules/contexts/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';

const CONTEXTS = [
  {
    label: 'Abbeyfield Recreation Ground',
    kind: 'place',
    concerns: 'Older young men seen giving lifts from the car park to younger children after dark (fictional).',
    at: [53.4791, -2.2441],
    ratings: ['serious_concern', 'some_concern', 'serious_concern', 'serious_concern', 'some_concern'],
    survey: { respondents: 'children', responses: 48, percentSafe: 31, notes: 'Abbeyfield school council survey (fictional)' },
  },
  {
    label: 'Quarry Row boys',
    kind: 'peer_group',
    concerns: 'A peer group of five boys, two missing together twice this month; links to an adult known to police (fictional).',
    at: null,
    ratings: ['serious_concern', 'some_concern', 'some_concern', 'serious_concern', 'protective'],
    survey: null,
  },
  {
    label: 'Moorside Fried Chicken, Station Road',
    kind: 'place',
    concerns: 'Children given free food and phone credit by adults in the back room (fictional).',
    at: [53.4812, -2.2367],
    ratings: ['some_concern', 'serious_concern', 'serious_concern', 'not_known', 'some_concern'],
    survey: { respondents: 'parents', responses: 22, percentSafe: 45, notes: 'Station Road residents’ meeting (fictional)' },
  },
] as const;
const ROLES = { place: 'frequents', peer_group: 'member' } as const;

export async function seedContextsDemo(
  tx: Db,
  pid: string,
  children: readonly { id: string; givenName: string; familyName: string }[],
  coordinator: { id: string; name: string },
  anchor: Date,
) {
  const who = { id: coordinator.id, label: coordinator.name };
  const day = (n: number) => addDays(ukDate(anchor), n);
  for (const [i, d] of CONTEXTS.entries()) {
    const e = await store.entityByLabel(tx, pid, d.label);
    if (!e) continue; // the intelligence demo names these places and groups; without it there is nothing to open
    const openedAt = new Date(`${day(-40 + i * 5)}T09:30:00Z`);
    await store.insertContext(tx, {
      partnership_id: pid,
      id: e.id,
      kind: d.kind,
      name: d.label,
      ward: e.ward ?? (d.kind === 'peer_group' ? 'Eastholme' : null), // the group meets at Quarry Row, Eastholme
      latitude: d.at?.[0] ?? null,
      longitude: d.at?.[1] ?? null,
      concerns: d.concerns,
      opened_by: coordinator.id,
      opened_at: openedAt,
      review_on: day(14 + i * 7),
    });
    await recordChange(tx, pid, who, 'context.referred', { type: 'context', id: e.id, details: { kind: d.kind, fromEntity: true } }, openedAt);
    const assessmentId = randomUUID();
    const areas = toolkit(d.kind, []);
    await store.insertAssessment(
      tx,
      {
        partnership_id: pid,
        id: assessmentId,
        context_id: e.id,
        assessed_on: day(-30 + i * 5),
        summary: 'Hub assessment with detached youth work and the neighbourhood police team (fictional).',
        assessed_by: coordinator.id,
        created_at: new Date(`${day(-30 + i * 5)}T15:00:00Z`),
      },
      areas.map((a, k) => ({
        partnership_id: pid,
        assessment_id: assessmentId,
        area_code: a.code,
        area_label: a.label,
        rating: d.ratings[k] ?? 'not_known',
        notes: k === 0 ? 'Seen on three evening visits (fictional)' : null,
      })),
    );
    // Two children a context, overlapping so one child is linked to two contexts.
    for (const child of children.slice(i, i + 2)) {
      const linkedAt = new Date(`${day(-28 + i * 5)}T11:00:00Z`);
      await store.insertChild(tx, {
        partnership_id: pid,
        context_id: e.id,
        person_id: child.id,
        role: ROLES[d.kind],
        reason: 'Named in hub intelligence (fictional)',
        linked_by: coordinator.id,
        linked_at: linkedAt,
      });
      await recordChange(
        tx,
        pid,
        who,
        'context.child_linked',
        { type: 'context', id: e.id, personId: child.id, details: { contextId: e.id, contextName: d.label, role: ROLES[d.kind] } },
        linkedAt,
      );
    }
    if (d.survey)
      await store.insertSurvey(tx, {
        partnership_id: pid,
        id: randomUUID(),
        context_id: e.id,
        surveyed_on: day(-20),
        respondents: d.survey.respondents,
        responses: d.survey.responses,
        percent_safe: d.survey.percentSafe,
        notes: d.survey.notes,
        recorded_by: coordinator.id,
        created_at: new Date(`${day(-20)}T16:00:00Z`),
      });
  }
}
