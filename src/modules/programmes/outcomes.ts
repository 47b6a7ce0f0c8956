// Outcome measures (issue 19.3): the partnership's scales (an outcome star with its areas, a score, a percentage),
// kept by the hub coordinator and the administrator; a child's records over time, part of their case: reading them
// is a case read (audited, the child as subject), recording is a case update and a domain event about the child.
import { randomUUID } from 'node:crypto';
import { assertMayOnCase } from '../../platform/access/rules.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { recordValue } from './domain.ts';
import { CreateScaleInput, PersonRef, RecordOutcomeInput } from './schemas.ts';
import * as store from './store.ts';
import { recordView, scaleView } from './view.ts';

/** A scale's range when none is given: a star's areas 1 to 10, a score 0 to 10, a percentage 0 to 100. */
const DEFAULT_RANGE = { star: [1, 10], score: [0, 10], percentage: [0, 100] } as const;

export const listScales = useCase({
  name: 'outcomes.scales',
  permission: ['outcome_scale', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return (await store.scales(db, actor.partnershipId)).map(scaleView);
  },
  audit: { none: 'the partnership’s outcome scales, reference data' },
});

export const createScale = useCase({
  name: 'outcomes.createScale',
  permission: ['outcome_scale', 'create'],
  input: CreateScaleInput,
  async run({ db, actor }, input) {
    const name = input.name.trim();
    const [defMin, defMax] = DEFAULT_RANGE[input.kind];
    const min = input.min ?? defMin;
    const max = input.kind === 'percentage' ? 100 : (input.max ?? defMax);
    const areas = input.kind === 'star' ? (input.areas ?? []).map((a) => a.trim()).filter(Boolean) : [];
    const errors: FieldError[] = [];
    if (await store.scaleNamed(db, actor.partnershipId, name)) errors.push({ field: 'name', message: 'A scale with this name already exists' });
    if (input.kind === 'star' && !areas.length) errors.push({ field: 'areas', message: 'Enter the areas of the star, one a line' });
    if (new Set(areas).size !== areas.length) errors.push({ field: 'areas', message: 'Each area of the star must have its own name' });
    if (max <= min) errors.push({ field: 'max', message: 'The highest score must be more than the lowest' });
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertScale(db, { partnership_id: actor.partnershipId, id, name, kind: input.kind, areas, min_score: min, max_score: max });
    return scaleView((await store.scales(db, actor.partnershipId)).find((s) => s.id === id)!);
  },
  audit: { change: 'outcome_scale.created', subject: (s) => ({ type: 'outcome_scale', id: s.id, details: { name: s.name, kind: s.kind } }) },
});

/** The child's records on each scale over time (scales without a record for them are listed empty, to record on). */
export const personOutcomes = useCase({
  name: 'outcomes.ofPerson',
  permission: ['case', 'read'],
  input: PersonRef,
  async run({ db, actor }, { personId }) {
    assertMayOnCase(actor, 'read', await caseFacts(db, actor, personId));
    const [scales, records] = await Promise.all([store.scales(db, actor.partnershipId), store.recordsOf(db, actor.partnershipId, [personId])]);
    return {
      personId,
      scales: scales.map((s) => ({ scale: scaleView(s), records: records.filter((r) => r.scale_id === s.id).map(recordView) })),
    };
  },
  audit: {
    read: 'outcome.viewed',
    subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { records: r.scales.reduce((n, s) => n + s.records.length, 0) } }),
  },
});

export const recordOutcome = useCase({
  name: 'outcomes.record',
  permission: ['case', 'update'],
  input: RecordOutcomeInput,
  async run({ db, actor, now }, { personId, scaleId, recordedOn, scores }) {
    assertMayOnCase(actor, 'update', await caseFacts(db, actor, personId, { caseWorker: true }));
    const row = (await store.scales(db, actor.partnershipId)).find((s) => s.id === scaleId);
    if (!row) throw new ValidationProblem([{ field: 'scaleId', message: 'Choose an outcome scale' }]);
    const scale = scaleView(row);
    const { value, errors } = recordValue(scale, scores);
    if (recordedOn > ukDate(now)) errors.push({ field: 'recordedOn', message: 'The date must be today or in the past' });
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertRecord(db, {
      partnership_id: actor.partnershipId,
      id,
      person_id: personId,
      scale_id: scaleId,
      recorded_on: recordedOn,
      scores: JSON.stringify(scale.kind === 'star' ? scores : { value }),
      value,
      recorded_by: actor.userId,
      recorded_by_name: actor.name,
      recorded_at: now,
    });
    return { id, personId, scaleId, scaleName: scale.name, kind: scale.kind, recordedOn, value, top: scale.top };
  },
  audit: {
    change: 'outcome.recorded',
    subject: (r) => ({
      type: 'outcome_record',
      id: r.id,
      personId: r.personId,
      details: { scale: r.scaleName, kind: r.kind, value: r.value, top: r.top, recordedOn: r.recordedOn },
    }),
  },
});
