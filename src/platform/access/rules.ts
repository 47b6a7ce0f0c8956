// Named access rules: the policy's predicates beside its matrix (policy.ts). Every decision about who may see or do
// what on a particular record is one of these; handlers, templates and use cases ask, they never decide.
// Each takes the actor, the scope the matrix granted, and facts about the record that a store looked up.
import type { Actor } from './actor.ts';
import { forbidden } from '../http/problems.ts';
import { type Action, type Resource, type Scope, scopeFor } from './policy.ts';

/** Partnership scope sees every record; agency scope only records its agency is involved in. */
export const withinScope = (scope: Scope | null, agencyInvolved: boolean) => scope === 'partnership' || (scope === 'agency' && agencyInvolved);

/** "Agency involved": a person is readable in agency scope when the actor's agency works with them. */
export function mayReadPerson(actor: Actor, facts: { agencyInvolved: boolean }): boolean {
  return withinScope(scopeFor(actor.role, 'person', 'read'), facts.agencyInvolved);
}

export function assertMayReadPerson(actor: Actor, facts: { agencyInvolved: boolean }): void {
  if (!mayReadPerson(actor, facts)) throw forbidden('Your agency is not involved with this person');
}

/** A referral is the referring agency's own: agency scope sees (and screens, triages) only its own agency's. */
export function mayOnReferral(actor: Actor, resource: Resource, action: Action, referral: { referringAgencyId: string }): boolean {
  return withinScope(scopeFor(actor.role, resource, action), referral.referringAgencyId === actor.agencyId);
}

export function assertMayOnReferral(actor: Actor, resource: Resource, action: Action, referral: { referringAgencyId: string }): void {
  if (!mayOnReferral(actor, resource, action, referral)) throw forbidden('This referral was made by another agency');
}

/** Only those who may set when a referral was received (importing history) may send `receivedAt`. */
export const maySetReceivedAt = (actor: Actor) => scopeFor(actor.role, 'referral', 'set_received_at') !== null;

/** Agency scope refers only for its own agency; partnership scope may refer on behalf of any agency. */
export const mayReferForAgency = (actor: Actor, agencyId: string) => scopeFor(actor.role, 'referral', 'create') === 'partnership' || agencyId === actor.agencyId;

/** May the actor do this at all (in some scope)? For showing or hiding links and buttons. */
export const may = (actor: Actor, resource: Resource, action: Action) => scopeFor(actor.role, resource, action) !== null;
