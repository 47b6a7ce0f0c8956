// The cumulative concern consumer (registered in services.ts): each concern an agency raises about a child becomes a
// signal, and the rule is checked with one indexed query, in the transaction of the change that raised it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import { recordChange } from '../../platform/usecase/run.ts';
import { CONCERN_EVENTS, cumulativeConcern, type SignalKind, windowStart } from './domain.ts';
import * as store from './store.ts';

const KIND = 'cumulative_concern';

/** The agency that raised the concern, when, and a label that names no detail of it; null: not a concern. */
async function sourceOf(tx: Db, event: DomainEvent, kind: SignalKind): Promise<{ agencyId: string; at: Date; label: string } | null> {
  const pid = event.partnershipId;
  const id = event.subject.id as string;
  switch (kind) {
    case 'referral': {
      const r = await store.referralSource(tx, pid, id);
      return r ? { agencyId: r.agencyId, at: r.at, label: `Referral ${r.reference}` } : null;
    }
    case 'intelligence': {
      // Restricted intelligence (handling C) is not counted: the alert's list would show it to the whole hub.
      if (event.handling?.code === 'C') return null;
      const i = await store.intelligenceSource(tx, pid, id);
      return i && i.handling !== 'C' ? { agencyId: i.agencyId, at: event.at, label: 'Intelligence recorded' } : null;
    }
    case 'missing_episode': {
      const m = await store.missingSource(tx, pid, id);
      return m ? { agencyId: m.agencyId, at: m.at, label: 'Reported missing' } : null;
    }
    case 'information_request': {
      const q = await store.informationRequestSource(tx, pid, id);
      return q ? { agencyId: q.agencyId, at: q.at ?? event.at, label: 'Answered an information request' } : null;
    }
  }
}

/**
 * Records the signal and checks the rule. With an alert open for the child the signal joins its list; otherwise,
 * when the signals no alert has counted reach the rule, an alert is raised (its event notifies the hub through
 * `then`, the notification consumer).
 */
export async function evaluateConcern(tx: Db, event: DomainEvent, then: EventConsumer[] = []): Promise<string | null> {
  const kind = CONCERN_EVENTS[event.name];
  if (!kind || !event.personId || !event.subject.id) return null;
  const source = await sourceOf(tx, event, kind);
  if (!source) return null;
  const pid = event.partnershipId;
  const personId = event.personId;
  const signal = { id: event.id, personId, kind, ...source };
  const open = await store.openAlertId(tx, pid, personId, KIND);
  await store.insertSignal(tx, pid, { ...signal, alertId: null });
  if (open) {
    await store.attachSignals(tx, pid, open, [signal.id], event.at);
    return open;
  }
  const rule = await store.getRule(tx, pid);
  const rows = await store.uncountedSignals(tx, pid, personId, windowStart(event.at, rule));
  const result = cumulativeConcern(rows, rule, event.at);
  if (!result.met) return null;
  const id = await store.insertAlertOnce(tx, pid, { id: randomUUID(), kind: KIND, personId, rule, at: event.at });
  if (!id) {
    // Another transaction raised one a moment ago: this signal joins it.
    const other = await store.openAlertId(tx, pid, personId, KIND);
    if (other) await store.attachSignals(tx, pid, other, [signal.id], event.at);
    return other;
  }
  await store.attachSignals(
    tx,
    pid,
    id,
    result.signals.map((s) => s.id),
    event.at,
  );
  const names = new Map((await store.agencyNames(tx, pid, result.agencies)).map((a) => [a.id, a.name]));
  await recordChange(
    tx,
    pid,
    event.actor,
    'cumulative_concern.alerted',
    {
      type: 'alert',
      id,
      personId,
      details: {
        kind: KIND,
        agencies: result.agencies.map((a) => names.get(a) ?? 'An agency'),
        signals: result.signals.length,
        minAgencies: rule.minAgencies,
        windowDays: rule.windowDays,
      },
    },
    event.at,
    then,
  );
  return id;
}

/** The consumer; `then` sees the alert's own event (the notifications consumer, so the hub is told). */
export function alertsConsumerWith(then: EventConsumer[]): EventConsumer {
  return async (tx, event) => {
    await evaluateConcern(tx, event, then);
  };
}
