// Domain events: each change emits one, in the change's transaction. Consumers (audit, the chronology, notifications,
// alerts) subscribe; nothing else writes them.
import type { Db } from '../db/connect.ts';

export interface DomainEvent {
  id: string;
  partnershipId: string;
  /** e.g. 'referral.created', 'missing_episode.closed' */
  name: string;
  subject: { type: string; id: string | null };
  personId: string | null;
  actor: { id: string | null; label: string };
  at: Date;
  changes: Record<string, unknown>;
  handling: Record<string, unknown> | null;
}

/** Runs inside the change's transaction: a consumer that throws rolls the change back. */
export type EventConsumer = (tx: Db, event: DomainEvent) => Promise<void>;
