// Cumulative concern alerts (issue 19.5): the hub's open alerts with what added up, dismissing one with a reason,
// and the partnership's rule (hub coordinator and administrator). Alerts are raised by the consumer (consumer.ts).
import { typed } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { ALERT_EVENTS } from '../chronology/events-alerts.ts';
import { dismissErrors } from './domain.ts';
import { DismissInput, SettingsInput } from './schemas.ts';
import * as store from './store.ts';
import { alertView } from './view.ts';

/** Open alerts, newest first; each names a child or a context, so each is an audited read of that child or context. */
export const listAlerts = useCase({
  name: 'alerts.list',
  permission: ['alert', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const alerts = await store.openAlerts(db, actor.partnershipId);
    const signals = await store.signalsOf(
      db,
      actor.partnershipId,
      alerts.map((a) => a.id),
    );
    return alerts.map((a) => alertView(a, signals));
  },
  audit: {
    read: 'alerts.viewed',
    // A context's alert is recorded as a read of the context, as its own page's read is (type `context`).
    subject: (list) =>
      list.map((a) => (a.contextId ? { type: 'context', id: a.contextId, details: { alertId: a.id } } : { type: 'alert', id: a.id, personId: a.personId })),
  },
});

export const dismissAlert = useCase({
  name: 'alerts.dismiss',
  permission: ['alert', 'update'],
  input: DismissInput,
  async run({ db, actor, now }, { id, reason }) {
    const errors = dismissErrors(reason);
    if (errors.length) throw new ValidationProblem(errors);
    const found = await store.findAlert(db, actor.partnershipId, id);
    if (!found) throw notFound('The alert');
    if (found.dismissed_at) throw new Problem(409, 'Conflict', 'The alert has already been dismissed');
    const done = await store.dismiss(db, actor.partnershipId, id, actor.userId, reason.trim(), now);
    if (!done) throw new Problem(409, 'Conflict', 'The alert has already been dismissed');
    return { id, kind: done.kind, personId: done.person_id, contextId: done.context_id, reason: reason.trim(), dismissedAt: now.toISOString() };
  },
  audit: {
    change: 'cumulative_concern_alert.dismissed',
    subject: (d) => ({
      type: 'alert',
      id: d.id,
      personId: d.personId,
      details: { kind: d.kind, ...(d.contextId ? { contextId: d.contextId } : {}), reason: typed(d.reason) },
    }),
  },
});

export const getAlertSettings = useCase({
  name: 'alerts.settings',
  permission: ['alert', 'manage'],
  input: undefined,
  async run({ db, actor }) {
    return store.getRule(db, actor.partnershipId);
  },
  audit: { none: 'the partnership’s rule: two numbers, no child' },
});

export const updateAlertSettings = useCase({
  name: 'alerts.updateSettings',
  permission: ['alert', 'manage'],
  input: SettingsInput,
  async run({ db, actor, now }, rule) {
    await store.setRule(db, actor.partnershipId, rule, actor.userId, now);
    return rule;
  },
  audit: { change: 'alert_settings.changed', subject: (r) => ({ type: 'alert_settings', details: { minAgencies: r.minAgencies, windowDays: r.windowDays } }) },
});

/** The lines a context's alerts add to its chronology (raised, dismissed), for the contexts module. */
export async function contextAlertLines(db: Db, partnershipId: string, contextId: string): Promise<{ at: string; what: string }[]> {
  const events = await store.contextAlertEvents(db, partnershipId, contextId);
  return events.flatMap((e) => {
    const entry = ALERT_EVENTS[e.name];
    const changes = (typeof e.changes === 'string' ? JSON.parse(e.changes) : (e.changes ?? {})) as Record<string, unknown>;
    // A context's alert lines name no person (the line context is for a person's chronology).
    return entry ? [{ at: new Date(e.at).toISOString(), what: entry.line(changes, { personId: '', eventPersonId: '' }) }] : [];
  });
}
