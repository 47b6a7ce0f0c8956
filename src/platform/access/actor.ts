// Who is acting: a signed-in user (session) or a partner system using a user's API token.
import { forbidden } from '../http/problems.ts';
import { type Action, type Resource, type Role, type Scope, scopeFor } from './policy.ts';

export interface Actor {
  userId: string;
  partnershipId: string;
  agencyId: string;
  role: Role;
  name: string;
  email: string;
  via: 'session' | 'token' | 'system';
}

/** Default deny: returns the permitted scope or throws 403. */
export function requireScope(actor: Actor, resource: Resource, action: Action): Scope {
  const scope = scopeFor(actor.role, resource, action);
  if (!scope) throw forbidden(`Your role (${actor.role}) may not ${action.replaceAll('_', ' ')} ${resource.replaceAll('_', ' ')} records`);
  return scope;
}

export function auditActor(actor: Actor) {
  if (actor.via === 'system') return { id: null, label: actor.name };
  return { id: actor.userId, label: `${actor.name} <${actor.email}>${actor.via === 'token' ? ' (API token)' : ''}` };
}

/** The command line acts as a partnership administrator of the given partnership. */
export function systemActor(partnershipId: string, agencyId = '00000000-0000-0000-0000-000000000000'): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    partnershipId,
    agencyId,
    role: 'partnership_admin',
    name: 'jigsaw command line',
    email: 'system',
    via: 'system',
  };
}

/** The server's own periodic work (the daily transition plan sweep) acts as the hub would: no user, audited as such. */
export function schedulerActor(partnershipId: string): Actor {
  return { ...systemActor(partnershipId), role: 'hub_coordinator', name: 'jigsaw scheduler' };
}
