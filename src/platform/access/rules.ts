// Named access rules: the policy's predicates beside its matrix (policy.ts). Every decision about who may see or do
// what on a particular record is one of these; handlers, templates and use cases ask, they never decide.
// Each takes the actor, the scope the matrix granted, and facts about the record that a store looked up.

import { forbidden } from '../http/problems.ts';
import type { Actor } from './actor.ts';
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
export const mayReferForAgency = (actor: Actor, agencyId: string) =>
  scopeFor(actor.role, 'referral', 'create') === 'partnership' || agencyId === actor.agencyId;

/** May the actor do this at all (in some scope)? For showing or hiding links and buttons. */
export const may = (actor: Actor, resource: Resource, action: Action) => scopeFor(actor.role, resource, action) !== null;

// ---- intelligence (and the figures of any module) ----

/** Exact counts, 1 to 5 not shown as `c` (report read_exact in the matrix); everyone else gets published figures. */
export const maySeeExactCounts = (actor: Actor) => scopeFor(actor.role, 'report', 'read_exact') !== null;

/** The facts of an intelligence item or link that its handling code turns on. */
export interface HandlingFacts {
  handling: string;
  agencyId: string;
  releaseRoles: readonly string[];
  releaseAgencyIds: readonly string[];
}

/** Reads every handling code C item (police intelligence: read_restricted). */
export const maySeeAllRestricted = (actor: Actor) => scopeFor(actor.role, 'intelligence', 'read_restricted') !== null;

/**
 * Handling code C: seen by roles with read_restricted, the recording agency, and the roles and agencies its conditions
 * release it to. P: by everyone the matrix lets read it. The intelligence store applies this rule in SQL.
 */
export function maySeeRestricted(actor: Actor, item: HandlingFacts): boolean {
  if (item.handling !== 'C') return true;
  return (
    maySeeAllRestricted(actor) || item.agencyId === actor.agencyId || item.releaseRoles.includes(actor.role) || item.releaseAgencyIds.includes(actor.agencyId)
  );
}

/** maySeeRestricted's inputs, for a store that applies it in SQL to every link before it is followed or counted. */
export const restrictedViewer = (actor: Actor) => ({ seesAll: maySeeAllRestricted(actor), role: actor.role, agencyId: actor.agencyId });
export type RestrictedViewer = ReturnType<typeof restrictedViewer>;

// ---- matching and reports ----

/** Who may look for people already held (the referral form's "is this someone known?" step, the matches API). */
export const mayFindMatches = (actor: Actor) => may(actor, 'match', 'read') && may(actor, 'person', 'read');

/**
 * Match candidates and the duplicates queue span the partnership only for those who may read every person in it;
 * anyone else gets candidates only among people their agency works with.
 */
export const matchesAcrossPartnership = (actor: Actor) =>
  scopeFor(actor.role, 'match', 'read') === 'partnership' && scopeFor(actor.role, 'person', 'read') === 'partnership';

// ---- missing children ----

/** A child's missing records: partnership scope sees every child's, agency scope only a child its agency works with. */
export const mayOnChildsMissing = (actor: Actor, action: Action, child: { agencyInvolved: boolean }) =>
  withinScope(scopeFor(actor.role, 'missing', action), child.agencyInvolved);

export function assertMayOnChildsMissing(actor: Actor, action: Action, child: { agencyInvolved: boolean }): void {
  if (!mayOnChildsMissing(actor, action, child)) throw forbidden('Your agency is not involved with this child');
}

// ---- admin ----

/** API tokens: partnership scope manages anyone's; own scope only the actor's own. */
export function mayManageTokenOf(actor: Actor, userId: string): boolean {
  const scope = scopeFor(actor.role, 'api_token', 'manage');
  return scope === 'partnership' || (scope === 'own' && userId === actor.userId);
}

// ---- triage ----

/** The hub's queue and dashboard span the partnership: agency scope (a manager) has none. */
export const maySeeHubQueue = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'triage', 'read') === 'partnership';
