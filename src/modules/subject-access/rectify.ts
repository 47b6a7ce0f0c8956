// Rectification use case: information governance corrects one of a person's details; the person row takes the
// correct value and person_rectification keeps the old one, who, when and why (in the subject access export too).
import { randomUUID } from 'node:crypto';
import { auditActor } from '../../platform/access/actor.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { indexPerson } from '../matching/indexing.ts';
import { readablePerson } from '../people/use-cases.ts';
import { checkRectification, RECTIFIABLE } from './rectification.ts';
import { RectifyInput } from './schemas.ts';
import * as store from './store.ts';

export const rectifyPerson = useCase({
  name: 'subject_access.rectify',
  permission: ['subject_access', 'update'],
  input: RectifyInput,
  async run({ db, actor, now }, input) {
    await readablePerson(db, actor, input.personId);
    const { value, errors } = checkRectification(input.field, input.value ?? null, input.reason, ukDate(now));
    if (errors.length) throw new ValidationProblem(errors);
    const column = RECTIFIABLE[input.field].column;
    const current = await store.currentValue(db, actor.partnershipId, input.personId, column);
    const old = current?.value ?? null;
    if (old === (value ?? null)) throw new ValidationProblem([{ field: 'value', message: 'The correct value is the one already recorded' }]);
    const id = randomUUID();
    const who = auditActor(actor);
    await store.rectify(db, {
      partnershipId: actor.partnershipId,
      id,
      personId: input.personId,
      field: input.field,
      column,
      old,
      new: value ?? null,
      reason: input.reason.trim(),
      by: who.id,
      byLabel: who.label,
    });
    // Search and matching keys follow the corrected name, date of birth, postcode or NHS number.
    await indexPerson(db, actor.partnershipId, input.personId);
    return { id, personId: input.personId, field: input.field };
  },
  // The field's name only: the old and new values are personal data and stay in person_rectification.
  audit: {
    change: 'person.rectified',
    subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { field: r.field, rectificationId: r.id } }),
  },
});
