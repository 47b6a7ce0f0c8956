// Named access rules: the policy's predicates beside its matrix (policy.ts). Every decision about who may see or do
// what on a particular record is one of these; handlers, templates and use cases ask, they never decide.
// Each takes the actor, the scope the matrix granted, and facts about the record that a store looked up.

import { forbidden } from '../http/problems.ts';
import type { Actor } from './actor.ts';
import { type Action, type Resource, type Role, type Scope, scopeFor } from './policy.ts';

/** Partnership scope sees every record; agency scope only records its agency is involved in. */
export const withinScope = (scope: Scope | null, agencyInvolved: boolean) => scope === 'partnership' || (scope === 'agency' && agencyInvolved);

/**
 * What reading a person turns on. Case work (all optional, looked up by the cases module): the actor is the allocated
 * or key worker on the person's case while it is not closed; the actor's agency owns an open triage action on the
 * person, while the case (if any) is not closed.
 */
export interface PersonFacts {
  agencyInvolved: boolean;
  caseWorker?: boolean;
  ownsOpenAction?: boolean;
  caseClosed?: boolean;
}

/** Whether reading a person turns on case work at all: not when the matrix alone grants (in scope) or denies it. */
export const needsCaseWorkFacts = (actor: Pick<Actor, 'role'>, agencyInvolved: boolean) => {
  const scope = scopeFor(actor.role, 'person', 'read');
  return scope !== null && !withinScope(scope, agencyInvolved);
};

/** Those who work the case: access ends when the case closes, the allocation ends or the action is done. */
export const worksTheCase = (f: PersonFacts) => !!f.caseWorker || (!!f.ownsOpenAction && !f.caseClosed);

/**
 * "Agency involved": a person is readable in agency scope when the actor's agency works with them; any role that may
 * read people at all also reads those whose case it works (not restricted intelligence: that is the intelligence rules').
 */
export function mayReadPerson(actor: Actor, facts: PersonFacts): boolean {
  const scope = scopeFor(actor.role, 'person', 'read');
  return withinScope(scope, facts.agencyInvolved) || (scope !== null && worksTheCase(facts));
}

/** The child's case: read by the same people as the child's record, by the case matrix entry. */
export function mayOnCase(actor: Actor, action: Action, facts: PersonFacts): boolean {
  const scope = scopeFor(actor.role, 'case', action);
  if (scope === 'partnership') return true;
  if (scope === null) return false;
  // Agency scope reads what its agency is involved in or works; it changes (reviews) only a case it is a worker on.
  return action === 'read' ? facts.agencyInvolved || worksTheCase(facts) : !!facts.caseWorker;
}

export function assertMayOnCase(actor: Actor, action: Action, facts: PersonFacts): void {
  if (!mayOnCase(actor, action, facts)) throw forbidden('You do not work this case');
}

/** Allocating, changing status and closing are the hub's (partnership scope); workers record reviews (mayOnCase update). */
export const mayDirectCase = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'case', 'update') === 'partnership';

/** The hub's list of cases spans the partnership: agency scope has none (a worker opens their own from the child). */
export const maySeeCaseList = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'case', 'read') === 'partnership';

/** Of the child's plan: every action for partnership-scope readers and the case's workers; otherwise their agency's. */
export const maySeePlanAction = (actor: Actor, facts: PersonFacts, action: { ownerAgencyId: string }) =>
  scopeFor(actor.role, 'action', 'read') === 'partnership' || !!facts.caseWorker || action.ownerAgencyId === actor.agencyId;

/**
 * One action: partnership scope reads every one, agency scope its agency's; and whoever may read the child's plan
 * opens the actions it shows them (maySeePlanAction), so a link from the Plan tab never ends in "not found".
 * `child` is the plan reader's facts about the action's child (null: not about a child, or not readable).
 */
export const mayReadAction = (actor: Actor, action: { ownerAgencyId: string }, child: PersonFacts | null) =>
  withinScope(scopeFor(actor.role, 'action', 'read'), action.ownerAgencyId === actor.agencyId) ||
  (child !== null && mayOnCase(actor, 'read', child) && maySeePlanAction(actor, child, action));

/** Changing an action (status, owner, cancelling) stays with the hub and the owning agency. */
export const mayChangeAction = (actor: Actor, action: { ownerAgencyId: string }) =>
  withinScope(scopeFor(actor.role, 'action', 'update'), action.ownerAgencyId === actor.agencyId);

/**
 * Whom a people search shows, as mayReadPerson reads one person: null is everyone (partnership scope); otherwise the
 * people `agencyInvolved` names the agency of, OR (when `worksTheCase` is set) those whose case that user or agency
 * works, in worksTheCase's sense (allocated or key worker on a case not closed; an open action while no case is closed).
 * The search store looks the same facts up in SQL.
 */
export interface SearchVisibility {
  agencyInvolved: string;
  worksTheCase: { userId: string; agencyId: string } | null;
}

export function searchVisibility(actor: Actor, scope: Scope | null): SearchVisibility | null {
  if (scope === 'partnership') return null;
  return { agencyInvolved: actor.agencyId, worksTheCase: scope !== null ? { userId: actor.userId, agencyId: actor.agencyId } : null };
}

export function assertMayReadPerson(actor: Actor, facts: PersonFacts): void {
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

/**
 * Intelligence on a meeting's agenda is shared with everyone the meeting is (the agenda is frozen and shown to every
 * invitee), so it is shown only when every invitee may see it by maySeeRestricted's rule: a person invited by name by
 * their role and agency; an agency invited as a whole by its agency alone (no role releases it to all its staff).
 */
export function mayShareWithInvitees(item: HandlingFacts, invitees: readonly { agencyId: string; role: Role | null }[]): boolean {
  if (item.handling !== 'C') return true;
  return invitees.every(
    (i) =>
      item.agencyId === i.agencyId ||
      item.releaseAgencyIds.includes(i.agencyId) ||
      (i.role !== null && (scopeFor(i.role, 'intelligence', 'read_restricted') !== null || item.releaseRoles.includes(i.role))),
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
export const mayOnChildsMissing = (actor: Actor, action: Action, child: PersonFacts) => {
  const scope = scopeFor(actor.role, 'missing', action);
  // Those who work the child's case read their missing records too (the case's "Missing" tab).
  return withinScope(scope, child.agencyInvolved) || (action === 'read' && scope !== null && worksTheCase(child));
};

export function assertMayOnChildsMissing(actor: Actor, action: Action, child: PersonFacts): void {
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

// ---- referral outcomes and information requests ----

/**
 * A referral's outcome (decision, screening level, category, a summary of the rationale, actions): whoever may read
 * the referral, so the referring agency for its own. It opens nothing else: not the child's record (the referrer is not
 * "involved" by referring), not other agencies' referrals, not intelligence.
 */
export const mayReadReferralOutcome = (actor: Actor, referral: { referringAgencyId: string }) => mayOnReferral(actor, 'referral', 'read', referral);

/** Of an outcome's actions: all for those who read actions across the partnership; otherwise the ones its agency owns. */
export const maySeeOutcomeAction = (actor: Actor, action: { ownerAgencyId: string }) =>
  scopeFor(actor.role, 'action', 'read') === 'partnership' || action.ownerAgencyId === actor.agencyId;

/** The full rationale is for those who read the referral's triage; everyone else who may see the outcome gets a summary. */
export const mayReadFullRationale = (actor: Actor, referral: { referringAgencyId: string }) => mayOnReferral(actor, 'triage', 'read', referral);

/** Information requests: partnership scope sees (or answers) every request; agency scope only those sent to its agency. */
export const mayOnInformationRequest = (actor: Actor, action: Action, request: { agencyId: string }) =>
  withinScope(scopeFor(actor.role, 'information_request', action), request.agencyId === actor.agencyId);

export function assertMayOnInformationRequest(actor: Actor, action: Action, request: { agencyId: string }): void {
  if (!mayOnInformationRequest(actor, action, request)) throw forbidden('This information request was sent to another agency');
}

// ---- the child's chronology ----

/** Which of a kind of event a viewer sees: every one, those concerning their agency (see below), or none. */
export type EventAccess = 'all' | 'agency' | 'none';

const readAccess = (actor: Actor, resource: Resource): EventAccess => {
  const scope = scopeFor(actor.role, resource, 'read');
  return scope === 'partnership' ? 'all' : scope === 'agency' ? 'agency' : 'none';
};

/**
 * What of a person's chronology the viewer (who may read the person) sees, by the rule each event falls under. Agency
 * scope means: referrals, screenings and triage decisions of a referral the viewer's agency made; actions its agency
 * owns; information requests sent to its agency. Intelligence is further hidden by its handling (maySeeRestricted,
 * applied in SQL with `restricted`), and disruption unless its target is known from intelligence the viewer may see.
 * Events of a name the chronology does not describe are shown only to those who read every person's record. Those
 * who work the child's case see its status changes and (as in its plan, maySeePlanAction) every action.
 */
export function chronologyViewer(actor: Actor, child: PersonFacts) {
  const access = {
    person: 'all' as EventAccess,
    referral: readAccess(actor, 'referral'),
    screening: readAccess(actor, 'screening'),
    triage: readAccess(actor, 'triage'),
    action: child.caseWorker ? ('all' as EventAccess) : readAccess(actor, 'action'),
    missing: (mayOnChildsMissing(actor, 'read', child) ? 'all' : 'none') as EventAccess,
    case: (mayOnCase(actor, 'read', child) ? 'all' : 'none') as EventAccess,
    information_request: readAccess(actor, 'information_request'),
    intelligence: (may(actor, 'intelligence', 'read') ? 'all' : 'none') as EventAccess,
    disruption: (may(actor, 'disruption', 'read') ? 'all' : 'none') as EventAccess,
  };
  return { agencyId: actor.agencyId, access, restricted: restrictedViewer(actor), unlisted: scopeFor(actor.role, 'person', 'read') === 'partnership' };
}
export type ChronologyViewer = ReturnType<typeof chronologyViewer>;

/** Agency scope on referrals: the practitioner's list is "My referrals", their agency's own, each with its outcome. */
export const readsOwnAgencyReferralsOnly = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'referral', 'read') === 'agency';

// ---- meetings about a child ----

/**
 * The child's Meetings tab opens for whoever may read the child's record, and for an agency that attended a meeting
 * that discussed the child: "a meeting attendee may read what the meeting covered", nothing more of the record.
 */
export const mayOpenMeetingsOf = (_actor: Actor, f: { readsRecord: boolean; attendedAny: boolean }) => f.readsRecord || f.attendedAny;

export function assertMayOpenMeetingsOf(actor: Actor, f: { readsRecord: boolean; attendedAny: boolean }): void {
  if (!mayOpenMeetingsOf(actor, f)) throw forbidden('Your agency is not involved with this person and attended no meeting about them');
}

/** A meeting is listed to those who read the record, or whose agency attended it. */
export const maySeeMeeting = (actor: Actor, f: { readsRecord: boolean }, meeting: { attendingAgencyIds: readonly string[] }) =>
  f.readsRecord || meeting.attendingAgencyIds.includes(actor.agencyId);

/**
 * What a meeting decided about the child (outcome, category, rationale, its actions): for those who read the referral's
 * triage, and for an agency that attended the meeting.
 */
export const mayReadMeetingDecision = (actor: Actor, meeting: { attendingAgencyIds: readonly string[] }, referral: { referringAgencyId: string }) =>
  mayReadFullRationale(actor, referral) || meeting.attendingAgencyIds.includes(actor.agencyId);

// ---- meetings of issue 12 ----

/** A meeting is open to partnership scope (the hub), and in agency scope to the agencies invited to it. */
export const mayOnMeeting = (actor: Actor, action: Action, meeting: { inviteeAgencyIds: readonly string[] }) =>
  withinScope(scopeFor(actor.role, 'meeting', action), meeting.inviteeAgencyIds.includes(actor.agencyId));

/**
 * A section of minutes restricted like intelligence: handling code C is read by those who read restricted
 * intelligence, the agency that recorded it and the agencies it names; a P section naming agencies is read by the
 * recording agency and those agencies only; an unrestricted section by everyone who reads the meeting.
 */
export function mayReadMinute(actor: Actor, section: { handling: string; recordedAgencyId: string; agencyIds: readonly string[] }): boolean {
  if (section.handling === 'C') {
    return maySeeRestricted(actor, { handling: 'C', agencyId: section.recordedAgencyId, releaseRoles: [], releaseAgencyIds: section.agencyIds });
  }
  return section.agencyIds.length === 0 || section.recordedAgencyId === actor.agencyId || section.agencyIds.includes(actor.agencyId);
}

// ---- multi-agency case audits ----

/** A round is open to partnership scope (the hub), and in agency scope to the agencies taking part in it. */
export const mayOnCaseAudit = (actor: Actor, action: Action, round: { agencyIds: readonly string[] }) =>
  withinScope(scopeFor(actor.role, 'case_audit', action), round.agencyIds.includes(actor.agencyId));

/** Answers for an agency: the auditor's own agency; partnership scope (the hub) records any taking part. */
export const mayAnswerForAgency = (actor: Actor, agencyId: string) =>
  scopeFor(actor.role, 'case_audit', 'update') === 'partnership' || agencyId === actor.agencyId;

// ---- support services and onward referrals ----

/** A referral to a service: partnership scope (the hub) every one; agency scope those to its own agency's services. */
export const mayOnSupportReferral = (actor: Actor, action: Action, referral: { providerAgencyId: string }) =>
  withinScope(scopeFor(actor.role, 'support_referral', action), referral.providerAgencyId === actor.agencyId);

/** Referring a child to a service: partnership scope (the hub) any child; agency scope a child whose case it works. */
export const mayReferToService = (actor: Actor, child: PersonFacts) => {
  const scope = scopeFor(actor.role, 'support_referral', 'create');
  return scope === 'partnership' || (scope !== null && worksTheCase(child));
};

export function assertMayOnSupportReferral(actor: Actor, action: Action, referral: { providerAgencyId: string }): void {
  if (!mayOnSupportReferral(actor, action, referral)) throw forbidden('This referral is to another agency’s service');
}

/** A context's page lists its children only to those who read every child of the partnership (hub, police intelligence). */
export const readsEveryChild = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'person', 'read') === 'partnership';

// ---- programmes with caseloads ----

/** One allocation of a programme's caseload: partnership scope every one; 'own' scope those the actor is the worker on. */
export const mayOnProgrammeAllocation = (actor: Actor, action: Action, allocation: { workerId: string }) => {
  const scope = scopeFor(actor.role, 'programme', action);
  return scope === 'partnership' || (scope === 'own' && allocation.workerId === actor.userId);
};

/** The indicators (and which children counted) span the programme and its comparison group: partnership scope only. */
export const maySeeProgrammeIndicators = (actor: Pick<Actor, 'role'>) => scopeFor(actor.role, 'programme', 'read') === 'partnership';

// ---- flags that travel ----

/**
 * Setting or ending a child's flag: partnership scope (the hub coordinator) any child's; agency scope an allocated or
 * key worker on the child's case whose agency is the case's lead agency.
 */
export const mayChangeFlag = (actor: Actor, action: Action, facts: PersonFacts & { leadAgencyId: string | null }) => {
  const scope = scopeFor(actor.role, 'flag', action);
  return scope === 'partnership' || (scope === 'agency' && !!facts.caseWorker && facts.leadAgencyId === actor.agencyId);
};
