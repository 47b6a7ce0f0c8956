// The repeat-missing rule (the partnership's threshold for a strategy meeting) and its alerts to the hub.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { notFound } from '../../../platform/http/problems.ts';
import { Uuid } from '../../../platform/http/schemas.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import * as alertsStore from '../alerts/store.ts';
import type { RepeatMissingRule } from '../domain.ts';
import { Id, RuleInput } from '../schemas.ts';

export const getRule = useCase({
  name: 'missing.get_rule',
  permission: ['missing', 'read'],
  input: undefined,
  async run({ db, actor }): Promise<RepeatMissingRule> {
    return alertsStore.getRule(db, actor.partnershipId);
  },
  audit: { none: 'the partnership’s rule is configuration: nothing about a person' },
});

export const setRule = useCase({
  name: 'missing.set_rule',
  permission: ['missing', 'manage'],
  input: RuleInput,
  async run({ db, actor }, rule): Promise<RepeatMissingRule> {
    await alertsStore.setRule(db, actor.partnershipId, rule, actor.userId);
    return rule;
  },
  audit: { change: 'missing_rule.changed', subject: (rule) => ({ type: 'missing_rule', details: { ...rule } }) },
});

/**
 * Alerts the hub that a child has met the rule with this episode. Its event ('repeat_missing.alerted', carrying the
 * rule) is what notifies the hub's users (notifications/consumer.ts). Run by createEpisode, in its transaction.
 */
export const raiseRepeatMissingAlert = useCase({
  name: 'missing.raise_repeat_alert',
  permission: ['missing', 'create'],
  input: Type.Object({ personId: Uuid, episodeId: Uuid }, { additionalProperties: false }),
  async run({ db, actor }, { personId, episodeId }) {
    const rule = await alertsStore.getRule(db, actor.partnershipId);
    const id = randomUUID();
    await alertsStore.insertAlert(db, actor.partnershipId, id, personId, episodeId, rule);
    return { id, personId, episodeId, rule };
  },
  audit: {
    change: 'repeat_missing.alerted',
    subject: (a) => ({ type: 'repeat_missing_alert', id: a.id, personId: a.personId, details: { episodeId: a.episodeId, rule: a.rule } }),
  },
});

export const acknowledgeAlert = useCase({
  name: 'missing.acknowledge_alert',
  permission: ['missing', 'update'],
  input: Id,
  async run({ db, actor }, { id }) {
    const done = await alertsStore.acknowledgeAlert(db, actor.partnershipId, id, actor.userId);
    if (!done) throw notFound('The open alert');
    return { id, personId: done.person_id };
  },
  audit: { change: 'repeat_missing_alert.acknowledged', subject: (a) => ({ type: 'repeat_missing_alert', id: a.id, personId: a.personId }) },
});
