// View models of alerts: the API's shape and the page's are the same.
import { ALERT_KIND_LABELS, type AlertKind, SIGNAL_KIND_LABELS, type SignalKind } from './domain.ts';
import type * as store from './store.ts';

type AlertRow = Awaited<ReturnType<typeof store.openAlerts>>[number];
type SignalRow = Awaited<ReturnType<typeof store.signalsOf>>[number];

export function signalView(s: SignalRow) {
  return {
    agencyId: s.agency_id,
    agency: s.agency_name,
    kind: s.kind as SignalKind,
    kindLabel: SIGNAL_KIND_LABELS[s.kind as SignalKind] ?? s.kind,
    label: s.label,
    at: new Date(s.at).toISOString(),
  };
}

export function alertView(a: AlertRow, signals: SignalRow[]) {
  const list = signals.filter((s) => s.alert_id === a.id).map(signalView);
  return {
    id: a.id,
    kind: a.kind as AlertKind,
    kindLabel: ALERT_KIND_LABELS[a.kind as AlertKind] ?? a.kind,
    // About a child or a context (decision 0024): exactly one of the two is set.
    personId: a.person_id,
    contextId: a.context_id,
    childName: a.person_id ? `${a.given_name ?? ''} ${a.family_name ?? ''}`.trim() : null,
    contextName: a.context_id ? a.context_name : null,
    raisedAt: new Date(a.raised_at).toISOString(),
    updatedAt: new Date(a.updated_at).toISOString(),
    rule: { minAgencies: a.min_agencies, windowDays: a.window_days },
    agencies: [...new Set(list.map((s) => s.agency))],
    signals: list,
  };
}
export type AlertView = ReturnType<typeof alertView>;
