// reply.render(): a page in the layout, with the signed-in user, navigation, CSRF token and CSP nonce.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import type { Actor } from '../access/actor.ts';
import { can, ROLE_LABELS, type Role } from '../access/policy.ts';
import { may, maySeeHubQueue } from '../access/rules.ts';
import { paths } from '../http/paths.ts';
import { createNunjucks, fieldId } from './nunjucks.ts';

/** What the layout shows about the signed-in actor, from the modules (app.ts wires them: platform knows no module). */
export interface LayoutSources {
  /** The actor's agency, or '' when their role may not read agencies. */
  agencyName(actor: Actor): Promise<string>;
  unreadNotifications(actor: Actor): Promise<number>;
}

export function pageRendering(app: FastifyInstance, config: Config, layout: LayoutSources) {
  const env = createNunjucks();

  app.decorateReply('render', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const req = this.request;
    const actor = req.actor ?? req.session?.actor ?? null;
    const promise = (async () => {
      let user = null;
      let navigation: { href: string; text: string; active?: boolean }[] = [];
      let notifications = null;
      let makeReferral = false;
      if (actor) {
        // Asked each time with the actor's own permissions (a cache shared between actors would decide for them).
        const agencyName = await layout.agencyName(actor).catch(() => '');
        user = { name: actor.name, roleLabel: ROLE_LABELS[actor.role], agencyName };
        if (req.actor) navigation = navigationFor(actor.role, req.url);
        // An API-only account (no notifications of its own) has no notifications link.
        if (req.actor && may(actor, 'notification', 'read')) notifications = await notificationsItem(layout, actor, req.url); // in the header's account links, with the unread count
        if (req.actor) makeReferral = canRefer(actor.role) && !req.url.startsWith(paths.newReferral());
      }
      // A success banner kept for this page by reply.flash() (shown once; the layout renders it).
      const flash = req.session && typeof req.takeFlash === 'function' ? await req.takeFlash() : null;
      const context = {
        ...data,
        flash,
        user,
        navigation,
        notifications,
        makeReferral,
        demo: config.demo,
        csrfToken: this.generateCsrf(),
        cspNonce: (this as unknown as { cspNonce: { script: string } }).cspNonce.script,
      };
      let html = env.render(template, context);
      // The error summary lists errors in the order their fields appear on the page, whatever order the checks ran in.
      const ordered = inPageOrder(data.errors, html);
      if (ordered) html = env.render(template, { ...context, errors: ordered });
      return this.type('text/html; charset=utf-8').send(html);
    })();
    promise.catch((err) => this.send(err));
    return this;
  });
}

/** The administration pages a role may open: one "Admin" entry in the navigation leads to them (see adminPage). */
export function adminItemsFor(role: Role) {
  const items: { href: string; text: string; description: string }[] = [];
  if (can(role, 'user', 'manage')) items.push({ href: paths.adminUsers(), text: 'Users', description: 'Invite people, change roles, suspend accounts' });
  if (can(role, 'agency', 'manage'))
    items.push({ href: paths.adminAgencies(), text: 'Agencies', description: 'The partnership’s agencies and who may refer for them' });
  if (can(role, 'match', 'manage')) items.push({ href: paths.duplicates(), text: 'Duplicates', description: 'Records that may be the same person' });
  if (can(role, 'match_model', 'read'))
    items.push({ href: '/admin/matching/model', text: 'Matching model', description: 'How the evidence that two records are one person is weighed' });
  if (can(role, 'api_token', 'manage')) items.push({ href: paths.adminTokens(), text: 'API tokens', description: 'Tokens for systems that use the API' });
  if (can(role, 'disclosure_rule', 'manage'))
    items.push({
      href: '/admin/disclosure',
      text: 'Disclosure control',
      description: 'How published figures hide small counts: threshold, rounding, secondary suppression',
    });
  // The administrator has no Reports entry: reviews are reached from Admin.
  if (can(role, 'review', 'manage') && !can(role, 'report', 'read'))
    items.push({
      href: '/reviews',
      text: 'Reviews and recommendations',
      description: 'Scrutiny reviews, inspections and audits, and progress on each recommendation',
    });
  if (can(role, 'user', 'manage')) items.push({ href: '/admin/notifications', text: 'E-mail notifications', description: 'What Jigsaw e-mails people about' });
  if (can(role, 'meeting_type', 'manage'))
    items.push({
      href: '/admin/meeting-types',
      text: 'Meeting types',
      description: 'The kinds of meeting the partnership holds, how often, and their agendas',
    });
  if (can(role, 'user', 'manage'))
    items.push({
      href: '/admin/action-settings',
      text: 'Action escalation',
      description: 'Days overdue before an action goes to its owner’s manager, and who each person’s manager is',
    });
  if (can(role, 'sharing_agreement', 'update'))
    items.push({
      href: '/admin/sharing-agreements',
      text: 'Data sharing agreements',
      description: 'The agreements each agency’s access relies on; reviews overdue',
    });
  if (can(role, 'alert', 'manage'))
    items.push({
      href: '/alerts/settings',
      text: 'Cumulative concern alerts',
      description: 'How many agencies raising concerns about a child within how many days alerts the hub',
    });
  if (can(role, 'context_toolkit', 'manage'))
    items.push({
      href: '/admin/context-toolkit',
      text: 'Context assessment toolkit',
      description: 'The areas places, peer groups, schools and online spaces are assessed against',
    });
  if (can(role, 'retention_schedule', 'manage'))
    items.push({
      href: '/governance/retention',
      text: 'Retention',
      description: 'How long each kind of record is kept; records due for deletion; legal holds',
    });
  return items;
}

/**
 * The service navigation: one row at 1280 px, so administration is one entry, and "Make a referral" is a button
 * beside it (see canRefer), not a section.
 */
function navigationFor(role: Role, url: string) {
  const items: { href: string; text: string; within?: string[] }[] = [];
  // Meetings sit under the hub (its dashboard links them; the navigation keeps to one row); an invited agency reaches
  // a meeting from its invitation and the child's Meetings tab.
  // Cumulative concern alerts and contexts (places and groups) sit under the hub too (its dashboard links them).
  if (maySeeHubQueue({ role })) items.push({ href: paths.hub(), text: 'Hub', within: ['/meetings', '/alerts', '/contexts'] });
  if (can(role, 'referral', 'read')) items.push({ href: paths.referrals(), text: 'Referrals' });
  if (can(role, 'person', 'read')) items.push({ href: paths.people(), text: 'People' });
  if (can(role, 'action', 'read')) items.push({ href: paths.actions(), text: 'Actions' });
  // An agency asked for what it holds answers from its own list (the hub reaches every request from its dashboard).
  if (can(role, 'information_request', 'read') && !can(role, 'information_request', 'create'))
    items.push({ href: paths.informationRequests(), text: 'Information requests' });
  if (can(role, 'missing', 'read')) items.push({ href: paths.missing(), text: 'Missing children' });
  if (can(role, 'intelligence', 'read')) items.push({ href: paths.intelligence(), text: 'Intelligence' });
  else if (can(role, 'disruption', 'read')) items.push({ href: paths.disruption(), text: 'Disruption' });
  // Reviews and recommendations sit under Reports (the reports page links them); the navigation keeps to one row.
  if (can(role, 'report', 'read'))
    items.push({ href: paths.triageReport(), text: 'Reports', within: ['/reviews', '/committees', '/standards', '/delivery-plans', '/case-audits'] });
  if (can(role, 'training', 'read')) items.push({ href: '/training', text: 'Training' });
  else if (can(role, 'training_report', 'read')) items.push({ href: '/training/reports', text: 'Training reports' });
  if (can(role, 'audit', 'read')) items.push({ href: paths.governance(), text: 'Information governance' });
  const admin = adminItemsFor(role);
  if (admin.length) items.push({ href: paths.admin(), text: 'Admin', within: admin.map((a) => a.href) });
  const path = url.split('?')[0];
  const under = (href: string) => path === href || path.startsWith(`${href}/`);
  const matches = items.flatMap((i) => [i.href, ...(i.within ?? [])].filter(under).map((href) => ({ i, href })));
  const active = matches.sort((a, b) => b.href.length - a.href.length)[0]?.i;
  return items.map((i) => ({ href: i.href, text: i.text, active: i === active }));
}

/** Whether the header offers the "Make a referral" button. */
export function canRefer(role: Role) {
  return can(role, 'referral', 'create');
}

/**
 * Where a role starts after signing in: the first page of its navigation (a referrer with no other, the form); a role
 * with no page at all (a partner system's flag look-up account) is told it is an API-only account (modules/flags).
 */
export function homeFor(role: Role): string {
  return navigationFor(role, '/')[0]?.href ?? (canRefer(role) ? paths.newReferral() : '/account/api-only');
}

async function notificationsItem(layout: LayoutSources, actor: Actor, url: string) {
  const unread = await layout.unreadNotifications(actor).catch(() => 0);
  return { href: paths.notifications(), text: unread > 0 ? `Notifications (${unread})` : 'Notifications', active: url.split('?')[0] === paths.notifications() };
}

type FieldErrors = { field: string; message: string }[];

/** The errors sorted by where their field is on the rendered page (fields not found keep their place at the end); null when already in order. */
export function inPageOrder(errors: unknown, html: string): FieldErrors | null {
  if (!Array.isArray(errors) || errors.length < 2) return null;
  const list = errors as FieldErrors;
  const at = (e: FieldErrors[number]) => {
    const i = html.indexOf(` id="${fieldId(e.field)}"`);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const sorted = list.map((e, i) => ({ e, i, at: at(e) })).sort((a, b) => a.at - b.at || a.i - b.i);
  return sorted.every((x, i) => x.i === i) ? null : sorted.map((x) => x.e);
}
