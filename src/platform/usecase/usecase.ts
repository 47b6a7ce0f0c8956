// One declaration per use case: the permission it needs, the schema of its input, the audit event (or why none)
// and the body. `runUseCase` (run.ts) does the rest in one order for every module; see docs/decisions/0006.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Actor } from '../access/actor.ts';
import type { Action, Resource, Scope } from '../access/policy.ts';
import type { Db } from '../db/connect.ts';

/** What a use case touched, for its audit event and (for a change) its domain event. */
export interface EventSubject {
  /** The kind of record: 'referral', 'person', 'missing_episode' ... */
  type: string;
  id?: string | null;
  /** The person the record is about, when there is one: the chronology and "who viewed this person" key on it. */
  personId?: string | null;
  /** For a change: what changed. For a read: what was asked and how much came back (never the data itself). */
  details?: Record<string, unknown>;
  /** Intelligence handling (e.g. `{ code: 'C' }`) so that consumers hide the event from those who may not see it. */
  handling?: Record<string, unknown> | null;
}

type Subject<I, O> = (output: O, input: I) => EventSubject | EventSubject[] | null;

/**
 * - `change`: the use case changes something: one domain event of this name per subject, audited.
 * - `read`: it returns person-level data: an audit event of this name.
 * - `none`: it returns nothing about a person (reference data, counts); the reason is required.
 * A subject function returning null means nothing happened (an idempotent replay): no event.
 */
export type AuditDeclaration<I, O> = { change: string; subject: Subject<I, O> } | { read: string; subject: Subject<I, O> } | { none: string };

export interface UseCaseContext {
  actor: Actor;
  /** The scope the policy grants for the declared permission ('partnership', 'agency' or 'own'). */
  scope: Scope;
  /** The transaction every statement of the use case runs in. */
  db: Db;
  now: Date;
  /** Runs another module's use case in this transaction, with its own permission check and events. */
  call<S extends TSchema | undefined, O>(useCase: UseCase<S, O>, input: InputOf<S>): Promise<O>;
}

export type InputOf<S extends TSchema | undefined> = S extends TSchema ? Static<S> : undefined;

/** Declare `run` before `audit`, so that TypeScript infers the output type the audit subject receives. */
export interface UseCase<S extends TSchema | undefined = TSchema | undefined, O = unknown> {
  /** module.verb, e.g. 'referrals.create': named in routes and errors. */
  name: string;
  permission: readonly [Resource, Action];
  input: S;
  audit: AuditDeclaration<InputOf<S>, O>;
  /** Runs outside a transaction: for reads that write nothing (audit `none`) and must be fast. */
  noTransaction?: boolean;
  run(ctx: UseCaseContext, input: InputOf<S>): Promise<O>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of use cases of any input and output
export type AnyUseCase = UseCase<any, any>;

/** Declares a use case (an identity function that gives the body its types). */
export function useCase<S extends TSchema | undefined, O>(def: UseCase<S, O>): UseCase<S, O> {
  return def;
}

export const isPersonLevel = (uc: AnyUseCase) => !('none' in uc.audit);
export const auditEventName = (uc: AnyUseCase) => ('change' in uc.audit ? uc.audit.change : 'read' in uc.audit ? uc.audit.read : null);
