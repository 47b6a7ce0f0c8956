// Runs a use case, in one order for every module: the actor's scope from the policy (default deny), the input parsed
// with the one schema, one transaction for the body, its audit event and domain events, then the result.
import type { TSchema } from '@sinclair/typebox';
import { type Actor, auditActor, requireScope } from '../access/actor.ts';
import { auditKeyOf } from '../audit/key.ts';
import { type AuditActor, recordAudit } from '../audit/store.ts';
import { withText } from '../audit/typed.ts';
import type { Db } from '../db/connect.ts';
import type { DomainEvent, EventConsumer } from '../events/events.ts';
import { eventId } from '../events/ids.ts';
import { insertEvent } from '../events/store.ts';
import { parseInput } from '../http/input.ts';
import type { EventSubject, InputOf, UseCase, UseCaseContext } from './usecase.ts';

/** The audit event of a person-level read (`key`: the audit key, for typed text in the details). */
export async function recordRead(tx: Db, partnershipId: string, who: AuditActor, name: string, s: EventSubject, key?: Buffer): Promise<void> {
  await recordAudit(
    tx,
    partnershipId,
    who,
    { action: name, resourceType: s.type, resourceId: s.id ?? null, personId: s.personId ?? null, details: s.details },
    key,
  );
}

/**
 * A change's domain event, its audit event and its consumers, in the change's transaction. Use cases get this from
 * their declaration; sign-in (which has no actor yet, so no use case) calls it directly.
 */
export async function recordChange(
  tx: Db,
  partnershipId: string,
  who: AuditActor,
  name: string,
  s: EventSubject,
  at = new Date(),
  consumers: EventConsumer[] = [],
  key?: Buffer,
): Promise<void> {
  const event: DomainEvent = {
    id: eventId(),
    partnershipId,
    name,
    subject: { type: s.type, id: s.id ?? null },
    personId: s.personId ?? null,
    actor: who,
    at,
    changes: (withText(s.details) ?? {}) as Record<string, unknown>,
    handling: s.handling ?? null,
  };
  await insertEvent(tx, event);
  await recordAudit(
    tx,
    partnershipId,
    who,
    { action: name, resourceType: s.type, resourceId: s.id ?? null, personId: s.personId ?? null, details: s.details },
    key,
  );
  for (const consume of consumers) await consume(tx, event);
}

export type Runner = <S extends TSchema | undefined, O>(useCase: UseCase<S, O>, actor: Actor, input: unknown) => Promise<O>;

const subjects = (s: EventSubject | EventSubject[] | null): EventSubject[] => (s === null ? [] : Array.isArray(s) ? s : [s]);

/** `consumers` see every domain event in the change's transaction (the event store and audit come first). */
export function useCaseRunner(db: Db, consumers: EventConsumer[] = []): Runner {
  async function inTransaction<S extends TSchema | undefined, O>(
    tx: Db,
    useCase: UseCase<S, O>,
    actor: Actor,
    input: InputOf<S>,
    scope: ReturnType<typeof requireScope>,
    // A use case called by another shares its moment: the events of one transaction have one time, in order.
    now = new Date(),
  ): Promise<O> {
    const ctx: UseCaseContext = {
      actor,
      scope,
      db: tx,
      now,
      call: (other, raw) => {
        const otherScope = requireScope(actor, ...other.permission);
        const parsed = (other.input ? parseInput(other.input, raw) : undefined) as InputOf<typeof other.input>;
        return inTransaction(tx, other, actor, parsed, otherScope, now);
      },
    };
    const output = await useCase.run(ctx, input);
    const audit = useCase.audit;
    if ('none' in audit) return output;
    const list = subjects(audit.subject(output, input));
    const key = auditKeyOf(db);
    if ('read' in audit) for (const s of list) await recordRead(tx, actor.partnershipId, auditActor(actor), audit.read, s, key);
    else for (const s of list) await recordChange(tx, actor.partnershipId, auditActor(actor), audit.change, s, now, consumers, key);
    return output;
  }

  return async function run(useCase, actor, raw) {
    const scope = requireScope(actor, ...useCase.permission);
    const input = (useCase.input ? parseInput(useCase.input, raw) : undefined) as InputOf<typeof useCase.input>;
    if (useCase.noTransaction && 'none' in useCase.audit) return inTransaction(db, useCase, actor, input, scope);
    return db.transaction().execute((tx) => inTransaction(tx, useCase, actor, input, scope));
  };
}
