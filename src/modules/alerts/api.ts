// /api/v1/alerts: the hub's open alerts (each with its kind, the child or context and the signals that added up), dismissing
// one with a reason, and the partnership's cumulative concern rule.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { DismissBody, SettingsInput } from './schemas.ts';
import { dismissAlert, getAlertSettings, listAlerts, updateAlertSettings } from './use-cases.ts';

const tags = ['alerts'];
const Params = Type.Object({ id: Uuid });

const Signal = Type.Object({
  agencyId: Uuid,
  agency: Type.String(),
  kind: Type.String({ description: 'referral, intelligence, missing_episode or information_request' }),
  kindLabel: Type.String(),
  label: Type.String(),
  at: Type.String({ format: 'date-time' }),
});
const Alert = Type.Object(
  {
    id: Uuid,
    kind: Type.String({ description: 'cumulative_concern' }),
    kindLabel: Type.String(),
    personId: Type.Union([Uuid, Type.Null()], { description: 'The child the alert is about; null for a context’s alert' }),
    contextId: Type.Union([Uuid, Type.Null()], { description: 'The context the alert is about (GET /api/v1/contexts/{id}); null for a child’s alert' }),
    childName: Type.Union([Type.String(), Type.Null()]),
    contextName: Type.Union([Type.String(), Type.Null()]),
    raisedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    rule: Type.Object({ minAgencies: Type.Integer(), windowDays: Type.Integer() }, { description: 'The rule as set when the alert was raised' }),
    agencies: Type.Array(Type.String()),
    signals: Type.Array(Signal, { description: 'What added up, oldest first' }),
  },
  { $id: 'Alert' },
);
const Settings = Type.Object({ minAgencies: Type.Integer(), windowDays: Type.Integer() });

export function alertsApi(api: FastifyInstance) {
  api.get(
    '/alerts',
    {
      config: { useCases: [listAlerts] },
      schema: { tags, summary: 'Open alerts for the hub, newest first', response: withProblems({ 200: Type.Array(Alert) }) },
    },
    async (req) => req.run(listAlerts, undefined),
  );
  api.post(
    '/alerts/:id/dismiss',
    {
      config: { useCases: [dismissAlert] },
      schema: {
        tags,
        summary: 'Dismiss an alert, with the reason (shown in the child’s or the context’s chronology)',
        params: Params,
        body: DismissBody,
        response: withProblems(
          {
            200: Type.Object({
              id: Uuid,
              kind: Type.String(),
              personId: Type.Union([Uuid, Type.Null()]),
              contextId: Type.Union([Uuid, Type.Null()]),
              reason: Type.String(),
              dismissedAt: Type.String({ format: 'date-time' }),
            }),
          },
          { 404: 'No such alert', 409: 'Already dismissed', 422: 'No reason given' },
        ),
      },
    },
    async (req) => req.run(dismissAlert, { ...(req.body as { reason: string }), id: (req.params as { id: string }).id }),
  );
  api.get(
    '/alerts/settings',
    {
      config: { useCases: [getAlertSettings] },
      schema: { tags, summary: 'The cumulative concern rule (hub coordinator, partnership administrator)', response: withProblems({ 200: Settings }) },
    },
    async (req) => req.run(getAlertSettings, undefined),
  );
  api.put(
    '/alerts/settings',
    {
      config: { useCases: [updateAlertSettings] },
      schema: {
        tags,
        summary: 'Change the cumulative concern rule: how many distinct agencies within how many days',
        body: SettingsInput,
        response: withProblems({ 200: Settings }, { 422: 'Not valid' }),
      },
    },
    async (req) => req.run(updateAlertSettings, req.body as { minAgencies: number; windowDays: number }),
  );
}
