// Information governance vocabulary: audit event names in plain English, the record an event touched, and CSV
// cells that a spreadsheet cannot run as formulas. Pure: no I/O.
import { paths } from '../../platform/http/paths.ts';

/** Names whose plain-English form is not "<Verb> the <thing>" read off the name. */
const ACTIONS: Record<string, string> = {
  'intelligence_network.viewed': 'Viewed the network chart',
  'intelligence_commonalities.viewed': 'Viewed what people have in common',
  'intelligence_entity.searched': 'Searched intelligence',
  'person.searched': 'Searched for a person',
  'person.viewed': 'Viewed the person’s record',
  'person.matched': 'Matched two records',
  'person.merged': 'Merged two records',
  'person.unmerged': 'Undid a merge',
  'person.decided_not_same': 'Decided two records are different people',
  'person.duplicates_listed': 'Viewed possible duplicates',
  'person_access_log.viewed': 'Viewed who saw the person’s record',
  'hub_dashboard.viewed': 'Viewed the hub dashboard',
  'missing_dashboard.viewed': 'Viewed the missing children dashboard',
  'repeat_missing.alerted': 'Raised a repeat-missing alert',
  'philomena_profile.printed': 'Printed the Philomena Protocol profile',
  'panel_pack.viewed': 'Viewed the Panel pack',
  'notification.marked_read': 'Marked a notification read',
  'user.two_factor_reset': 'Reset a user’s two-factor sign-in',
  'sign_in.password': 'Signed in with a password',
  'sign_in.passkey': 'Signed in with a passkey',
  'sign_in.single_sign_on': 'Signed in with single sign-on',
  'sign_in.two_factor': 'Entered a security code',
  'sign_in.failed': 'Failed to sign in',
  'sign_in.two_factor_failed': 'Entered a wrong security code',
  'sign_in.locked_out': 'Was locked out after failed sign-ins',
  'sign_in.two_factor_locked': 'Was locked out after wrong security codes',
};

const VERBS: Record<string, string> = {
  viewed: 'Viewed',
  listed: 'Listed',
  created: 'Created',
  recorded: 'Recorded',
  updated: 'Updated',
  changed: 'Changed',
  cancelled: 'Cancelled',
  reinstated: 'Reinstated',
  closed: 'Closed',
  opened: 'Opened',
  reopened: 'Reopened',
  reviewed: 'Reviewed',
  allocated: 'Allocated',
  sent: 'Sent',
  answered: 'Answered',
  acknowledged: 'Acknowledged',
  drafted: 'Drafted',
  invited: 'Invited',
  issued: 'Issued',
  revoked: 'Revoked',
  saved: 'Saved',
  installed: 'Installed',
  status_changed: 'Changed the status of',
  risk_changed: 'Changed the risk level of',
  attendance_recorded: 'Recorded attendance at',
  referral_raised: 'Raised a referral from',
};

/** "intelligence_network.viewed" -> "Viewed the network chart"; an unknown name still reads as words. */
export function describeAction(name: string): string {
  const known = ACTIONS[name];
  if (known) return known;
  const [thing, verb = ''] = name.split('.');
  const words = thing.replaceAll('_', ' ');
  const lead = VERBS[verb] ?? (verb ? verb.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase()) : '');
  return lead ? `${lead} the ${words}` : words.replace(/^./, (c) => c.toUpperCase());
}

/** Every action name the filter offers, in plain English, sorted by what a person reads. */
export function actionChoices(names: readonly string[]) {
  return [...new Set(names)].map((value) => ({ value, text: describeAction(value) })).sort((a, b) => a.text.localeCompare(b.text));
}

/** Each kind of record with a page: its path, and the permission (resource, read) its page needs. */
const RECORD_PAGES: Record<string, { path: (id: string) => string; needs: string }> = {
  person: { path: paths.person, needs: 'person' },
  referral: { path: paths.referral, needs: 'referral' },
  action: { path: paths.action, needs: 'action' },
  triage_action: { path: paths.action, needs: 'action' },
  missing_episode: { path: paths.missingEpisode, needs: 'missing' },
  missing_notice: { path: paths.missingNoticeShow, needs: 'missing' },
  intelligence_item: { path: paths.intelligenceItem, needs: 'intelligence' },
  intelligence_entity: { path: paths.network, needs: 'intelligence' },
  information_request: { path: paths.informationRequest, needs: 'information_request' },
  disruption_activity: { path: paths.disruptionActivity, needs: 'disruption' },
};

/**
 * The page of the record an event touched, when the reader may open it; otherwise the record of the person it
 * concerns; otherwise none. `mayRead(resource)` is the reader's permission to read that kind of record.
 */
export function recordHref(
  e: { resourceType: string; resourceId: string | null; personId: string | null },
  mayRead: (resource: string) => boolean,
): string | null {
  const page = e.resourceId ? RECORD_PAGES[e.resourceType] : undefined;
  if (page && e.resourceId && mayRead(page.needs)) return page.path(e.resourceId);
  return e.personId && mayRead('person') ? paths.person(e.personId) : null;
}

/** What kind of record, in words ("missing episode"). */
export const recordLabel = (resourceType: string) => resourceType.replaceAll('_', ' ');

/** A cell a spreadsheet would run as a formula (=, +, -, @, and tab or return first) gets a leading apostrophe. */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
