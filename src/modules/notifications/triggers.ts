// What sends an e-mail, and what the e-mail says. Pure: no database. An e-mail names no child and holds no case
// detail, only the recipient's first name, what kind of thing happened, and a link; the rest stays behind sign-in.

export const TRIGGERS = {
  urgent_referral: 'An urgent or immediate referral reaches the hub (to the hub)',
  referral_outcome: 'The outcome of a referral (to the referrer)',
  action_assigned: 'An action is assigned (to its owner)',
  action_due_tomorrow: 'An action is due tomorrow (to its owner)',
  action_overdue: 'An action is overdue (to its owner, then their manager)',
  meeting_invitation: 'A meeting invitation, with a calendar attachment (to invitees)',
  minutes_ready: 'A meeting’s minutes are ready (to invitees)',
  repeat_missing: 'A repeat-missing alert (to the hub)',
  interview_due: 'A return home interview is due within 24 hours (to the hub)',
  information_request: 'An information request is received, or answered (to the agency, or the asker)',
  training_reminder: 'A training reminder (to the member)',
  recommendation_update: 'A recommendation’s progress update is due or overdue (to its lead, then their manager)',
  security: 'Security alerts about an account (to the user and administrators)',
} as const;

export type Trigger = keyof typeof TRIGGERS;
export const TRIGGER_IDS = Object.keys(TRIGGERS) as Trigger[];

/** The e-mail's subject for each trigger: a kind of thing, never who it is about. */
const SUBJECTS: Record<Trigger, string> = {
  urgent_referral: 'An urgent referral has reached the hub',
  referral_outcome: 'The hub has decided on your referral',
  action_assigned: 'An action has been assigned to you',
  action_due_tomorrow: 'An action of yours is due tomorrow',
  action_overdue: 'An action is overdue',
  meeting_invitation: 'You are invited to a meeting',
  minutes_ready: 'Meeting minutes are ready',
  repeat_missing: 'A repeat-missing alert',
  interview_due: 'A return home interview is due within 24 hours',
  information_request: 'An information request for your agency',
  training_reminder: 'A training reminder',
  recommendation_update: 'A progress update on a recommendation you lead is due',
  security: 'A security alert about your Jigsaw account',
};

/** The notification kinds (consumer.ts) each trigger covers; a kind not listed is never e-mailed. */
const KINDS: Record<string, Trigger> = {
  urgent_referral: 'urgent_referral',
  referral_outcome: 'referral_outcome',
  action_assigned: 'action_assigned',
  action_due_tomorrow: 'action_due_tomorrow',
  action_overdue: 'action_overdue',
  action_escalated: 'action_overdue',
  meeting_invitation: 'meeting_invitation',
  minutes_ready: 'minutes_ready',
  repeat_missing: 'repeat_missing',
  interview_due: 'interview_due',
  information_request: 'information_request',
  information_request_answered: 'information_request',
  'training.reminder': 'training_reminder',
  recommendation_update_due_soon: 'recommendation_update',
  recommendation_update_overdue: 'recommendation_update',
  recommendation_update_escalated: 'recommendation_update',
  'security.two_factor_locked': 'security',
};

export const triggerOf = (kind: string): Trigger | null => KINDS[kind] ?? null;

export const RESTRICTED_NOTE = 'This e-mail holds no personal details. Restricted detail stays in Jigsaw: sign in to read it.';

export const firstName = (name: string) => name.trim().split(/\s+/)[0] || 'there';

export interface EmailContent {
  subject: string;
  text: string;
  personalisation: { first_name: string; subject: string; message: string; link: string };
}

export function singleEmail(trigger: Trigger, name: string, url: string): EmailContent {
  const subject = `Jigsaw: ${SUBJECTS[trigger]}`;
  const message = `${SUBJECTS[trigger]}.`;
  return compose(name, subject, message, url);
}

/** A daily digest: how many of each kind, one link to the notifications page. */
export function digestEmail(name: string, counts: Partial<Record<Trigger, number>>, url: string): EmailContent {
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const lines = TRIGGER_IDS.filter((t) => counts[t]).map((t) => `- ${SUBJECTS[t]}: ${counts[t]}`);
  const subject = `Jigsaw: your daily summary (${total} new notification${total === 1 ? '' : 's'})`;
  return compose(name, subject, `You have ${total} new notification${total === 1 ? '' : 's'} in Jigsaw:\n${lines.join('\n')}`, url);
}

function compose(name: string, subject: string, message: string, link: string): EmailContent {
  const first = firstName(name);
  const text = `Hello ${first},\n\n${message}\n\nSign in to read it: ${link}\n\n${RESTRICTED_NOTE}\n`;
  return { subject, text, personalisation: { first_name: first, subject, message, link } };
}

/** The next digest time: 07:00 UTC after `now`. */
export function nextDigestAt(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7));
  if (at <= now) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
