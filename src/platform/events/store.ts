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

/** The partnership's events of the given names since `since`, oldest first (the demo replays them to consumers). */
export async function eventsSince(db: Db, partnershipId: string, names: readonly string[], since: Date): Promise<DomainEvent[]> {
  const rows = await db
    .selectFrom('domain_event')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .where('name', 'in', [...names])
    .where('at', '>=', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    name: r.name,
    subject: { type: r.subject_type, id: r.subject_id },
    personId: r.person_id,
    actor: { id: r.actor_id, label: r.actor_label },
    at: new Date(r.at),
    changes: (json(r.changes) ?? {}) as Record<string, unknown>,
    handling: (json(r.handling) ?? null) as Record<string, unknown> | null,
  }));
}
