// A fictional pilot programme: the "Demo Pilot Team" taking medium-risk children aged 10 to 17 (cap 20), an
// outcome star and a school attendance scale, up to eight demo children allocated to a worker, and two star
// records for most of them, with the domain events so each child's chronology says so. All made up.
import { randomUUID } from 'node:crypto';
import { recordValue } from '../modules/programmes/domain.ts';
import * as store from '../modules/programmes/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';

const AREAS = ['Safety', 'Friends and relationships', 'Education', 'Health', 'Home and family'];
// First and latest total per child: most improve, one holds steady, one goes backwards (fictional).
const CHANGES: readonly (readonly [number[], number[]])[] = [
  [
    [3, 4, 2, 5, 4],
    [6, 6, 4, 6, 5],
  ],
  [
    [4, 4, 4, 4, 4],
    [4, 5, 4, 3, 4],
  ],
  [
    [2, 3, 3, 4, 2],
    [5, 4, 5, 5, 4],
  ],
  [
    [6, 5, 5, 6, 6],
    [4, 4, 5, 5, 5],
  ],
  [
    [3, 3, 2, 3, 3],
    [5, 5, 4, 4, 5],
  ],
];

export async function seedProgrammesDemo(tx: Db, pid: string, coordinator: { id: string; name: string }, worker: { id: string; name: string }, anchor: Date) {
  const who = { id: coordinator.id, label: coordinator.name };
  const today = ukDate(anchor);
  const starId = randomUUID();
  await store.insertScale(tx, { partnership_id: pid, id: starId, name: 'Demo Outcome Star', kind: 'star', areas: AREAS, min_score: 1, max_score: 10 });
  await store.insertScale(tx, {
    partnership_id: pid,
    id: randomUUID(),
    name: 'Demo School Attendance',
    kind: 'percentage',
    areas: [],
    min_score: 0,
    max_score: 100,
  });
  const programmeId = randomUUID();
  const startsOn = addDays(today, -120);
  await store.insertProgramme(tx, {
    partnership_id: pid,
    id: programmeId,
    name: 'Demo Pilot Team',
    description: 'Case holding responsibility for up to 20 young people assessed as medium risk (fictional pilot)',
    risk_levels: ['medium'],
    age_from: 10,
    age_to: 17,
    caseload_cap: 20,
    starts_on: startsOn,
    created_by: coordinator.id,
  });
  const labels = ['Cases in the period', 'Cases whose review is not overdue', 'Improved or sustained their score (first against latest): Demo Outcome Star'];
  await store.insertIndicators(
    tx,
    (['count:cases', 'percentage:review_not_overdue', 'change:improved_or_sustained'] as const).map((k, position) => {
      const [kind, measure] = k.split(':');
      return { partnership_id: pid, programme_id: programmeId, position, kind, measure, scale_id: kind === 'change' ? starId : null, label: labels[position] };
    }),
  );
  const star = { id: starId, name: 'Demo Outcome Star', kind: 'star' as const, areas: AREAS, min: 1, max: 10 };
  const children = (await store.candidates(tx, pid, ['medium'])).slice(0, 8);
  for (const [i, c] of children.entries()) {
    const facts = await store.allocationFacts(tx, pid, c.person_id);
    if (!facts?.case_id) continue;
    const joinedOn = addDays(startsOn, 7 + i * 6);
    const allocationId = randomUUID();
    await store.insertAllocation(tx, {
      partnership_id: pid,
      id: allocationId,
      programme_id: programmeId,
      person_id: c.person_id,
      case_id: facts.case_id,
      worker_id: worker.id,
      joined_on: joinedOn,
    });
    const at = new Date(`${joinedOn}T10:00:00Z`);
    await recordChange(
      tx,
      pid,
      who,
      'programme.joined',
      { type: 'programme_allocation', id: allocationId, personId: c.person_id, details: { programme: 'Demo Pilot Team', worker: worker.name, joinedOn } },
      at,
    );
    const change = CHANGES[i];
    if (!change) continue;
    for (const [n, scores] of change.entries()) {
      const recordedOn = n === 0 ? addDays(joinedOn, 2) : addDays(today, -7 - i);
      const byArea = Object.fromEntries(AREAS.map((a, k) => [a, scores[k]]));
      const { value } = recordValue(star, byArea);
      const id = randomUUID();
      await store.insertRecord(tx, {
        partnership_id: pid,
        id,
        person_id: c.person_id,
        scale_id: starId,
        recorded_on: recordedOn,
        scores: JSON.stringify(byArea),
        value,
        recorded_by: worker.id,
        recorded_by_name: worker.name,
        recorded_at: new Date(`${recordedOn}T14:00:00Z`),
      });
      await recordChange(
        tx,
        pid,
        { id: worker.id, label: worker.name },
        'outcome.recorded',
        { type: 'outcome_record', id, personId: c.person_id, details: { scale: star.name, kind: 'star', value, top: 50, recordedOn } },
        new Date(`${recordedOn}T14:00:00Z`),
      );
    }
  }
}
