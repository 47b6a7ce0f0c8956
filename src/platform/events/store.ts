// Domain events as rows, for consumers that read them later (the child's chronology).
import type { Db } from '../db/connect.ts';
import type { DomainEvent } from './events.ts';

export async function insertEvent(tx: Db, e: DomainEvent): Promise<void> {
  await tx
    .insertInto('domain_event')
    .values({
      partnership_id: e.partnershipId,
      id: e.id,
      name: e.name,
      subject_type: e.subject.type,
      subject_id: e.subject.id,
      person_id: e.personId,
      actor_id: e.actor.id,
      actor_label: e.actor.label,
      at: e.at,
      changes: JSON.stringify(e.changes),
      handling: e.handling ? JSON.stringify(e.handling) : null,
    })
    .execute();
}
