// Notification API shapes (TypeBox): a user's notifications, the partnership's e-mail triggers, a user's preference.
import { Type } from '@sinclair/typebox';
import { TRIGGER_IDS, TRIGGERS } from './triggers.ts';

export const NotificationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

const triggerFields = Object.fromEntries(TRIGGER_IDS.map((t) => [t, Type.Boolean({ description: TRIGGERS[t] })]));

export const TriggerSettingsBody = Type.Object(
  { triggers: Type.Partial(Type.Object(triggerFields, { additionalProperties: false })) },
  { additionalProperties: false, examples: [{ triggers: { action_due_tomorrow: false, meeting_invitation: true } }] },
);

export const TriggerSettingsSchema = Type.Object({
  transport: Type.Union([Type.Literal('smtp'), Type.Literal('notify'), Type.Null()], { description: 'How e-mail is sent; null: in-app only' }),
  triggers: Type.Object(triggerFields),
});

export const PreferenceBody = Type.Object({ dailyDigest: Type.Boolean() }, { additionalProperties: false, examples: [{ dailyDigest: true }] });
