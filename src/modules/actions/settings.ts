// Escalation settings: after how many days overdue an action goes to its owner's manager (per partnership), and
// who each person's manager is. The partnership admin's (user manage).
import { Type } from '@sinclair/typebox';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { Uuid } from '../../platform/http/schemas.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { ESCALATION_DAYS_MAX, ESCALATION_DAYS_MIN } from './domain.ts';
import * as store from './store.ts';

export const EscalationBody = Type.Object(
  {
    escalationDays: Type.Integer({
      minimum: ESCALATION_DAYS_MIN,
      maximum: ESCALATION_DAYS_MAX,
      errorMessage: {
        required: 'Enter the number of days',
        type: 'The number of days must be a whole number',
        minimum: `The number of days must be between ${ESCALATION_DAYS_MIN} and ${ESCALATION_DAYS_MAX}`,
        maximum: `The number of days must be between ${ESCALATION_DAYS_MIN} and ${ESCALATION_DAYS_MAX}`,
      },
    }),
  },
  { $id: 'ActionEscalationInput', additionalProperties: false, examples: [{ escalationDays: 3 }] },
);
export const ManagerBody = Type.Object(
  { managerUserId: Type.Union([Type.String({ format: 'uuid', errorMessage: { format: 'Select a manager' } }), Type.Null()]) },
  { $id: 'UserManagerInput', additionalProperties: false, examples: [{ managerUserId: '6f1c1d7e-0000-4000-8000-0000000000c1' }] },
);
const ManagerInput = Type.Object({ userId: Uuid, ...ManagerBody.properties }, { additionalProperties: false });

export const actionSettings = useCase({
  name: 'actions.settings',
  permission: ['user', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [escalationDays, staff] = await Promise.all([store.escalationDays(db, actor.partnershipId), store.staffWithManagers(db, actor.partnershipId)]);
    return { escalationDays, staff: staff.map((s) => ({ id: s.id, name: s.name, agencyName: s.agency_name, managerUserId: s.manager_user_id })) };
  },
  audit: { none: 'settings and staff names: nothing about a child' },
});

export const setEscalationDays = useCase({
  name: 'actions.set_escalation_days',
  permission: ['user', 'manage'],
  input: EscalationBody,
  async run({ db, actor }, { escalationDays }) {
    const before = await store.escalationDays(db, actor.partnershipId);
    if (before !== escalationDays) await store.setEscalationDays(db, actor.partnershipId, escalationDays);
    return { escalationDays, changed: before !== escalationDays };
  },
  audit: { change: 'action_settings.updated', subject: (r) => (r.changed ? { type: 'partnership', details: { escalationDays: r.escalationDays } } : null) },
});

export const setManager = useCase({
  name: 'actions.set_manager',
  permission: ['user', 'manage'],
  input: ManagerInput,
  async run({ db, actor }, { userId, managerUserId }) {
    const user = await store.activeUser(db, actor.partnershipId, userId);
    if (!user) throw notFound('The user');
    if (managerUserId === userId) throw new ValidationProblem([{ field: 'managerUserId', message: 'A person cannot be their own manager' }]);
    if (managerUserId && !(await store.activeUser(db, actor.partnershipId, managerUserId)))
      throw new ValidationProblem([{ field: 'managerUserId', message: 'Select a manager from the partnership’s staff' }]);
    const changed = user.manager_user_id !== managerUserId;
    if (changed) await store.setManager(db, actor.partnershipId, userId, managerUserId);
    return { userId, managerUserId, changed };
  },
  audit: { change: 'user.manager_set', subject: (r) => (r.changed ? { type: 'user', id: r.userId, details: { managerUserId: r.managerUserId } } : null) },
});
