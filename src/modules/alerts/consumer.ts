// The cumulative concern consumer (registered in services.ts): each concern an agency raises about a child or a
// context becomes a signal, and the rule is checked with one indexed query, in the transaction of the change that
// raised it. A person merge moves the merged record's signals and alerts to the record kept (decision 0024).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import type { DomainEvent, EventConsumer } from '../../platform/events/events.ts';
import { derivedId } from '../../platform/events/ids.ts';
import { recordChange } from '../../platform/usecase/run.ts';
import { CONCERN_EVENTS, cumulativeConcern, type SignalKind, type Subject, windowStart } from './domain.ts';
import * as store from './store.ts';

const KIND = 'cumulative_concern';

interface Source {
  agencyId: string;
  at: Date;
  label: string;
}

/** The agency that raised the concern, when, and a label that names no detail of it; null: not a concern. */
async function sourceOf(tx: Db, event: DomainEvent, kind: SignalKind): Promise<Source | null> {
  const pid = event.partnershipId;
  const id = event.subject.id as string;
  switch (kind) {
    case 'referral': {
      const r = await store.referralSource(tx, pid, id);
      return r ? { agencyId: r.agencyId, at: r.at, label: `Referral ${r.reference}` } : null;
    }
    case 'intelligence':
      return intelligenceSource(tx, event);
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

async function intelligenceSource(tx: Db, event: DomainEvent): Promise<Source | null> {
  // Restricted intelligence (handling C) is not counted: the alert's list would show it to the whole hub.
  if (event.handling?.code === 'C') return null;
  const i = await store.intelligenceSource(tx, event.partnershipId, event.subject.id as string);
  return i && i.handling !== 'C' ? { agencyId: i.agencyId, at: event.at, label: 'Intelligence recorded' } : null;
}

/**
 * The concerns an event raises about contexts: a context's own referral (by the agency of the user who referred
 * it), and intelligence whose links name a context's entity (the item's one event without a person). A child's
 * referral, missing episode or information request names no context and counts for none.
 */
async function contextConcerns(tx: Db, event: DomainEvent): Promise<{ id: string; contextId: string; kind: SignalKind; source: Source }[]> {
  const pid = event.partnershipId;
  const id = event.subject.id as string;
  if (event.name === 'context.referred') {
    const c = await store.contextReferralSource(tx, pid, id);
    return c ? [{ id: event.id, contextId: id, kind: 'referral', source: { agencyId: c.agencyId, at: c.at, label: 'Context referred' } }] : [];
  }
  if (event.name === 'intelligence_item.recorded') {
    const contexts = await store.contextsNamedByItem(tx, pid, id);
    if (contexts.length === 0) return [];
    const source = await intelligenceSource(tx, event);
    return source ? contexts.map((contextId) => ({ id: derivedId(event.id, contextId), contextId, kind: 'intelligence' as const, source })) : [];
  }
  return [];
}

/**
 * Records the signal and checks the rule. With an alert open for the child the signal joins its list; otherwise,
 * when the signals no alert has counted reach the rule, an alert is raised (its event notifies the hub through
 * `then`, the notification consumer). Returns the alert the (last) signal joined or raised, if any.
 */
export async function evaluateConcern(tx: Db, event: DomainEvent, then: EventConsumer[] = []): Promise<string | null> {
  const kind = CONCERN_EVENTS[event.name];
  if (!kind || !event.subject.id) return null;
  if (!event.personId) {
    let last: string | null = null;
    for (const c of await contextConcerns(tx, event)) {
      last = (await addSignal(tx, event, { contextId: c.contextId }, { id: c.id, kind: c.kind, ...c.source }, then)) ?? last;
    }
    return last;
  }
  if (event.name === 'context.referred') return null;
  const source = await sourceOf(tx, event, kind);
  if (!source) return null;
  return addSignal(tx, event, { personId: event.personId }, { id: event.id, kind, ...source }, then);
}

async function addSignal(
  tx: Db,
  event: DomainEvent,
  subject: Subject,
  signal: { id: string; kind: SignalKind } & Source,
  then: EventConsumer[],
): Promise<string | null> {
  const pid = event.partnershipId;
  const open = await store.openAlertId(tx, pid, subject, KIND);
  await store.insertSignal(tx, pid, { ...signal, personId: subject.personId ?? null, contextId: subject.contextId ?? null, alertId: null });
  if (open) {
    await store.attachSignals(tx, pid, open, [signal.id], event.at);
    return open;
  }
  return checkRule(tx, event, subject, then);
}

/** Raises an alert when the subject's uncounted signals meet the rule at the event's time; its id, or null. */
async function checkRule(tx: Db, event: DomainEvent, subject: Subject, then: EventConsumer[]): Promise<string | null> {
  const pid = event.partnershipId;
  const rule = await store.getRule(tx, pid);
  const rows = await store.uncountedSignals(tx, pid, subject, windowStart(event.at, rule));
  const result = cumulativeConcern(rows, rule, event.at);
  if (!result.met) return null;
  const id = await store.insertAlertOnce(tx, pid, { id: randomUUID(), kind: KIND, subject, rule, at: event.at });
  if (!id) {
    // Another transaction raised one a moment ago: these signals join it.
    const other = await store.openAlertId(tx, pid, subject, KIND);
    if (other)
      await store.attachSignals(
        tx,
        pid,
        other,
        result.signals.map((s) => s.id),
        event.at,
      );
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
      personId: subject.personId ?? null,
      details: {
        kind: KIND,
        ...(subject.contextId ? { contextId: subject.contextId } : {}),
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

/**
 * A person merge: the merged-away record's signals and alerts move to the surviving record, in the merge's
 * transaction. Then the survivor's uncounted signals within the window join its open alert, or are checked against
 * the rule (two records' concerns may add up to an alert neither had).
 */
export async function moveMergedConcerns(tx: Db, event: DomainEvent, then: EventConsumer[] = []) {
  const c = event.changes as { mergedPersonId?: string; survivingPersonId?: string };
  // The merge's event is recorded once for each of the two people: act on the merged person's.
  if (!c.mergedPersonId || !c.survivingPersonId || event.personId !== c.mergedPersonId) return null;
  const pid = event.partnershipId;
  const moved = await store.moveToSurvivor(tx, pid, c.mergedPersonId, c.survivingPersonId, KIND, event.actor.id, event.at);
  const subject = { personId: c.survivingPersonId };
  if (moved.open) {
    const rule = await store.getRule(tx, pid);
    const rows = await store.uncountedSignals(tx, pid, subject, windowStart(event.at, rule));
    await store.attachSignals(
      tx,
      pid,
      moved.open,
      rows.map((r) => r.id),
      event.at,
    );
    return { ...moved, raised: null };
  }
  return { ...moved, raised: await checkRule(tx, event, subject, then) };
}

/** The consumer; `then` sees the alert's own event (the notifications consumer, so the hub is told). */
export function alertsConsumerWith(then: EventConsumer[]): EventConsumer {
  return async (tx, event) => {
    if (event.name === 'person.merged') await moveMergedConcerns(tx, event, then);
    else await evaluateConcern(tx, event, then);
  };
}
