// Roles and permissions as a matrix: resource x action -> scope. Anything not listed is denied.
export const ROLES = [
  'partnership_admin',
  'hub_coordinator',
  'hub_member',
  'practitioner',
  'missing_coordinator',
  'police_intelligence',
  'manager',
  'scrutiny_member',
  'information_governance',
  // A partner system's account (issue 19.6): looks up flags that travel and can do nothing else.
  'flag_lookup',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  partnership_admin: 'Partnership administrator',
  hub_coordinator: 'Hub coordinator',
  hub_member: 'Hub member',
  practitioner: 'Practitioner',
  missing_coordinator: 'Missing and return interviews coordinator',
  police_intelligence: 'Police intelligence',
  manager: 'Manager',
  scrutiny_member: 'Scrutiny member',
  information_governance: 'Information governance',
  flag_lookup: 'Flag look-up (partner system)',
};

export type Resource =
  | 'person'
  | 'case'
  | 'referral'
  | 'screening'
  | 'triage'
  | 'action'
  | 'missing'
  | 'intelligence'
  | 'disruption'
  | 'match'
  // The person-matching model's parameters (m, u, weights per comparison level; issue 18.4): no person's data.
  | 'match_model'
  | 'agency'
  | 'user'
  | 'api_token'
  | 'audit'
  | 'report'
  | 'notification'
  | 'information_request'
  // Meetings of issue 12 (MACE, Panel, ODG, Subgroup); agency scope: meetings the agency is invited to.
  | 'meeting'
  // The partnership's meeting types (name, subject, cadence, default agenda): reference data, no child's data.
  | 'meeting_type'
  // Training and awareness (courses, cohorts, completions, sessions); its committee reports are training_report.
  | 'training'
  | 'training_report'
  // Subject access (issue 20): read, the review copy with redactions marked; create, releasing the redacted copy;
  // update, rectifying a person's inaccurate details (the earlier value kept).
  | 'subject_access'
  // Data sharing agreements (issue 20): partnership reference data, read by staff; kept by admins and governance.
  | 'sharing_agreement'
  // Scrutiny reviews, inspections, practice reviews and audits with their recommendations (issue 13): no child's
  // data. update: progress updates; manage: signing off completion and spawning tracker actions.
  | 'review'
  // Multi-agency case audits (issue 13.7): person-level (which children were sampled, answers about their case).
  // Agency scope: rounds the user's agency takes part in; update: answering for the user's own agency.
  | 'case_audit'
  // A round's report: grades counted by question and agency, findings, actions; no child named.
  | 'case_audit_report'
  // Retention (issue 20): retention_schedule, the partnership's periods; retention, the review queue (read), the
  // daily listing (create), approving or deferring a due record (update) and legal holds (manage).
  | 'retention_schedule'
  | 'retention'
  // Support services (issue 19.1): the directory, reference data read by staff, kept by the hub coordinator and admin.
  | 'support_service'
  // Onward referrals of a child to a service: person-level. Agency scope: referrals to the actor's agency's services
  // (the provider works them); creating in agency scope needs the actor to work the child's case (rules.ts).
  | 'support_referral'
  // Contexts (issue 19.4): places, peer groups, schools, online spaces as subjects; its page names its children.
  | 'context'
  // The context assessment toolkit (the areas a context is rated on, per kind): reference data, no child's data.
  // read: whoever assesses contexts; manage: adding, renaming, withdrawing areas (administrator, hub coordinator).
  | 'context_toolkit'
  // Programmes with caseloads (issue 19.2): create and update (allocating, ending) are the hub coordinator's; 'own'
  // scope reads only the programmes the worker holds a case in, and only their own caseload.
  | 'programme'
  // A programme's indicators as counts (issue 19.7), no child named: counts suppressed unless maySeeExactCounts.
  | 'programme_report'
  // Outcome scales (issue 19.3): reference data; a child's records are part of their case (case read / update).
  | 'outcome_scale'
  // Cumulative concern alerts (issue 19.5): person-level (each names a child and the agencies' concerns about them).
  // read and update (dismissing with a reason): the hub; manage: the rule (how many agencies within how many days).
  | 'alert'
  // Flags that travel (issue 19.6): read and create/update (setting, ending) on the child's case; lookup, a partner
  // system asking whether a child is flagged (the answer: the flag, its dates and who to contact, or 'no flag').
  | 'flag'
  // The report builder (issue 15.1): read, building and opening reports (counts; suppressed unless read_exact);
  // create, saving a report under a name for others to open with their own access.
  | 'report_builder'
  // Partnership-defined groups of referring agencies ("Street Teams"), a dimension of the report builder.
  | 'referrer_group'
  // The regional dataset (issue 15.6): pseudonymised rows of every child referred in a period, leaving the
  // partnership for the region; create: making an export (audited with its period and row count).
  | 'regional_export'
  // The partnership's disclosure rule for published figures (issue 15.4): read by whoever reads reports; manage:
  // setting the threshold, rounding and secondary suppression (the administrator).
  | 'disclosure_rule';
/**
 * read_restricted: police intelligence whose handling code restricts it (condition C).
 * read_exact (on report): figures with counts of 1 to 5 shown, not suppressed as `c`.
 */
export type Action = 'read' | 'create' | 'update' | 'manage' | 'set_received_at' | 'read_restricted' | 'read_exact' | 'lookup';

/**
 * partnership: every record in the partnership.
 * agency: records the user's agency is involved in (referred, or is working with the person).
 * own: records the user made, or (for api tokens) belong to them.
 */
export type Scope = 'partnership' | 'agency' | 'own';

type Matrix = Partial<Record<Resource, Partial<Record<Action, Scope>>>>;

export const PERMISSIONS: Record<Role, Matrix> = {
  partnership_admin: {
    // The partnership's meeting types (the hub coordinator keeps them too).
    meeting_type: { manage: 'partnership' },
    agency: { read: 'partnership', manage: 'partnership' },
    user: { read: 'partnership', manage: 'partnership' },
    api_token: { read: 'partnership', manage: 'partnership' },
    // Admins import referral history, so they may create referrals and set when they were received.
    referral: { create: 'partnership', read: 'partnership', set_received_at: 'partnership' },
    screening: { manage: 'partnership' },
    person: { create: 'partnership', read: 'partnership' },
    report: { read_exact: 'partnership' },
    training: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    training_report: { read: 'partnership' },
    review: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    sharing_agreement: { read: 'partnership', create: 'partnership', update: 'partnership' },
    retention_schedule: { read: 'partnership', manage: 'partnership' },
    support_service: { read: 'partnership', create: 'partnership', update: 'partnership' },
    outcome_scale: { read: 'partnership', create: 'partnership' },
    match_model: { read: 'partnership' },
  },
  hub_coordinator: {
    agency: { read: 'partnership' },
    person: { create: 'partnership', read: 'partnership', update: 'partnership' },
    // manage: the partnership's review intervals and closing reasons.
    case: { create: 'partnership', read: 'partnership', update: 'partnership', manage: 'partnership' },
    referral: { create: 'partnership', read: 'partnership', update: 'partnership', set_received_at: 'partnership' },
    screening: { create: 'partnership', read: 'partnership' },
    // manage: correcting a recorded triage decision (the earlier version is kept); only the coordinator does.
    triage: { create: 'partnership', read: 'partnership', manage: 'partnership' },
    action: { create: 'partnership', read: 'partnership', update: 'partnership' },
    missing: { create: 'partnership', read: 'partnership', update: 'partnership', manage: 'partnership' },
    intelligence: { create: 'partnership', read: 'partnership' },
    // manage: the partnership's disruption tactics (reference data).
    disruption: { create: 'partnership', read: 'partnership', update: 'partnership', manage: 'partnership' },
    match: { read: 'partnership', manage: 'partnership' },
    report: { read: 'partnership', read_exact: 'partnership' },
    api_token: { read: 'own', manage: 'own' },
    // The hub asks agencies what they hold (information requests); it answers only those sent to its own agency.
    information_request: { create: 'partnership', read: 'partnership', update: 'agency' },
    training: { read: 'partnership', create: 'partnership', update: 'partnership' },
    training_report: { read: 'partnership' },
    // manage: the partnership's meeting types and the MACE due setting; and correcting what a meeting decided.
    meeting: { create: 'partnership', read: 'partnership', update: 'partnership', manage: 'partnership' },
    meeting_type: { manage: 'partnership' },
    review: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    case_audit: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    support_service: { read: 'partnership', create: 'partnership', update: 'partnership' },
    support_referral: { create: 'partnership', read: 'partnership', update: 'partnership' },
    context: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    programme: { read: 'partnership', create: 'partnership', update: 'partnership' },
    outcome_scale: { read: 'partnership', create: 'partnership' },
  },
  hub_member: {
    agency: { read: 'partnership' },
    person: { create: 'partnership', read: 'partnership' },
    case: { create: 'partnership', read: 'partnership', update: 'partnership' },
    referral: { create: 'partnership', read: 'partnership' },
    screening: { create: 'partnership', read: 'partnership' },
    triage: { create: 'partnership', read: 'partnership' },
    action: { create: 'partnership', read: 'partnership', update: 'partnership' },
    missing: { read: 'partnership' },
    intelligence: { read: 'partnership' },
    disruption: { read: 'partnership' },
    match: { read: 'partnership' },
    report: { read: 'partnership', read_exact: 'partnership' },
    information_request: { create: 'partnership', read: 'partnership', update: 'agency' },
    training: { read: 'partnership' },
    training_report: { read: 'partnership' },
    meeting: { create: 'partnership', read: 'partnership', update: 'partnership' },
    case_audit: { read: 'partnership', update: 'agency' },
    support_referral: { create: 'partnership', read: 'partnership', update: 'partnership' },
    context: { read: 'partnership', create: 'partnership', update: 'partnership' },
    programme: { read: 'partnership' },
  },
  practitioner: {
    agency: { read: 'partnership' },
    person: { create: 'partnership', read: 'agency' },
    // Agency scope, widened by the case-work rule (rules.ts): an allocated or key worker reviews the case they work.
    case: { read: 'agency', update: 'agency' },
    referral: { create: 'agency', read: 'agency' },
    screening: { create: 'agency', read: 'agency' },
    action: { read: 'agency', update: 'agency' },
    missing: { read: 'agency' },
    match: { read: 'agency' },
    // Requests sent to the practitioner's agency: the request only (name, date of birth, question), not the case.
    information_request: { read: 'agency', update: 'agency' },
    meeting: { read: 'agency' },
    // A case worker refers the child they work with; the provider agency's staff work referrals to its services.
    support_referral: { create: 'agency', read: 'agency', update: 'agency' },
    // A worker allocated a child's case in a programme reads that programme and their own caseload in it.
    programme: { read: 'own' },
  },
  // Exploitation and missing coordinators and return home interview officers.
  missing_coordinator: {
    agency: { read: 'partnership' },
    person: { create: 'partnership', read: 'partnership' },
    case: { read: 'partnership' },
    referral: { create: 'agency', read: 'agency' },
    missing: { create: 'partnership', read: 'partnership', update: 'partnership', manage: 'partnership' },
    match: { read: 'partnership' },
    report: { read: 'partnership', read_exact: 'partnership' },
    information_request: { read: 'agency', update: 'agency' },
    meeting: { read: 'agency' },
  },
  police_intelligence: {
    agency: { read: 'partnership' },
    person: { create: 'partnership', read: 'partnership' },
    case: { read: 'partnership' },
    referral: { create: 'agency', read: 'partnership' },
    screening: { read: 'partnership' },
    triage: { read: 'partnership' },
    action: { read: 'agency', update: 'agency' },
    missing: { create: 'partnership', read: 'partnership', update: 'partnership' },
    intelligence: { create: 'partnership', read: 'partnership', read_restricted: 'partnership' },
    disruption: { create: 'partnership', read: 'partnership', update: 'partnership' },
    context: { read: 'partnership' },
    match: { read: 'partnership' },
    api_token: { read: 'own', manage: 'own' },
    information_request: { read: 'agency', update: 'agency' },
    meeting: { read: 'agency' },
  },
  manager: {
    agency: { read: 'partnership' },
    person: { read: 'agency' },
    case: { read: 'agency' },
    referral: { read: 'agency' },
    screening: { read: 'agency' },
    triage: { read: 'agency' },
    action: { read: 'agency', update: 'agency' },
    missing: { read: 'agency' },
    disruption: { read: 'partnership' },
    report: { read: 'partnership' },
    information_request: { read: 'agency', update: 'agency' },
    training: { read: 'partnership' },
    training_report: { read: 'partnership' },
    meeting: { read: 'agency' },
    // A team manager audits their agency's work on the sampled cases.
    case_audit: { read: 'agency', update: 'agency' },
    support_referral: { read: 'agency', update: 'agency' },
  },
  // Aggregate figures only: no person-level resource at all (reviews hold none).
  scrutiny_member: {
    report: { read: 'partnership' },
    training_report: { read: 'partnership' },
    review: { read: 'partnership' },
  },
  flag_lookup: {},
  information_governance: {
    agency: { read: 'partnership' },
    user: { read: 'partnership' },
    audit: { read: 'partnership' },
    person: { read: 'partnership' },
    case: { read: 'partnership' },
    subject_access: { read: 'partnership', create: 'partnership', update: 'partnership' },
    sharing_agreement: { read: 'partnership', create: 'partnership', update: 'partnership' },
    retention_schedule: { read: 'partnership', manage: 'partnership' },
    retention: { read: 'partnership', create: 'partnership', update: 'partnership', manage: 'partnership' },
    // Checks the matching model the partnership relies on (issue 18.4).
    match_model: { read: 'partnership' },
  },
};

// Every signed-in user reads, and marks read, their own notifications (and no one else's).
for (const role of ROLES) PERMISSIONS[role].notification = { read: 'own', update: 'own' };
// Whoever reads the partnership's reports reads its reviews and recommendations (they hold no child's data).
for (const role of ROLES) if (PERMISSIONS[role].report?.read) PERMISSIONS[role].review ??= { read: 'partnership' };
// Whoever reads reviews reads case audit reports (aggregate: no child named), scrutiny members included.
for (const role of ROLES) if (PERMISSIONS[role].review?.read) PERMISSIONS[role].case_audit_report ??= { read: 'partnership' };
// Staff who see the partnership's agencies see the agreements their sharing relies on (a referrer names one).
for (const role of ROLES) if (PERMISSIONS[role].agency?.read) PERMISSIONS[role].sharing_agreement ??= { read: 'partnership' };
// Staff who see the partnership's agencies read its directory of support services (scrutiny members do not).
for (const role of ROLES) if (PERMISSIONS[role].agency?.read) PERMISSIONS[role].support_service ??= { read: 'partnership' };
// Whoever reads the partnership's reports reads programme indicators as counts (scrutiny members: published figures).
for (const role of ROLES) if (PERMISSIONS[role].report?.read) PERMISSIONS[role].programme_report ??= { read: 'partnership' };
// Whoever reads children's cases reads the outcome scales their records are on.
for (const role of ROLES) if (PERMISSIONS[role].case?.read) PERMISSIONS[role].outcome_scale ??= { read: 'partnership' };
// The report builder: whoever reads the partnership's reports builds and opens them (scrutiny members: suppressed
// figures); the hub coordinator, managers and the administrator save them; the administrator and the hub
// coordinator keep the referrer groups (reports show the groups' names to whoever opens them).
for (const role of ROLES) if (PERMISSIONS[role].report?.read) PERMISSIONS[role].report_builder ??= { read: 'partnership' };
PERMISSIONS.hub_coordinator.report_builder = { read: 'partnership', create: 'partnership' };
PERMISSIONS.manager.report_builder = { read: 'partnership', create: 'partnership' };
PERMISSIONS.partnership_admin.report_builder = { read: 'partnership', create: 'partnership' };
PERMISSIONS.hub_coordinator.referrer_group = { read: 'partnership', manage: 'partnership' };
PERMISSIONS.partnership_admin.referrer_group = { read: 'partnership', manage: 'partnership' };
// Cumulative concern alerts: the hub reads and dismisses them; the hub coordinator and the administrator set the rule.
PERMISSIONS.hub_coordinator.alert = { read: 'partnership', update: 'partnership', manage: 'partnership' };
PERMISSIONS.hub_member.alert = { read: 'partnership', update: 'partnership' };
PERMISSIONS.partnership_admin.alert = { manage: 'partnership' };
// The context assessment toolkit: whoever assesses contexts reads it; the administrator and the hub coordinator change it.
for (const role of ROLES) if (PERMISSIONS[role].context?.update) PERMISSIONS[role].context_toolkit ??= { read: 'partnership' };
PERMISSIONS.hub_coordinator.context_toolkit = { read: 'partnership', manage: 'partnership' };
PERMISSIONS.partnership_admin.context_toolkit = { read: 'partnership', manage: 'partnership' };
// Flags that travel: whoever reads children's cases reads their flags; the hub coordinator sets and ends them, and so
// does a worker on the case whose agency leads it (agency scope, rules.ts mayChangeFlag).
for (const role of ROLES) {
  const scope = PERMISSIONS[role].case?.read;
  if (scope && role !== 'flag_lookup') PERMISSIONS[role].flag = { read: scope };
}
PERMISSIONS.hub_coordinator.flag = { read: 'partnership', create: 'partnership', update: 'partnership' };
PERMISSIONS.practitioner.flag = { read: 'agency', create: 'agency', update: 'agency' };
// The regional dataset leaves the partnership: the administrator and information governance make it, no one else.
PERMISSIONS.partnership_admin.regional_export = { create: 'partnership' };
PERMISSIONS.information_governance.regional_export = { create: 'partnership' };
// The disclosure rule: whoever reads reports reads the rule their published figures follow; the administrator sets it.
for (const role of ROLES) if (PERMISSIONS[role].report?.read) PERMISSIONS[role].disclosure_rule ??= { read: 'partnership' };
PERMISSIONS.partnership_admin.disclosure_rule = { read: 'partnership', manage: 'partnership' };
// The partner system's account looks flags up and nothing else: not even notifications (set last, over the loops).
PERMISSIONS.flag_lookup = { flag: { lookup: 'partnership' } };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The scope in which the role may do the action, or null (denied). */
export function scopeFor(role: Role, resource: Resource, action: Action): Scope | null {
  return PERMISSIONS[role]?.[resource]?.[action] ?? null;
}

export function can(role: Role, resource: Resource, action: Action): boolean {
  return scopeFor(role, resource, action) !== null;
}

/** Hub roles see the partnership's referral queue. */
export function isHubRole(role: Role): boolean {
  return role === 'hub_coordinator' || role === 'hub_member';
}
