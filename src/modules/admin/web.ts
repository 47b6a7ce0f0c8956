// Administration pages for partnership admins: agencies, users (invite, role, deactivate, reset two-factor), API tokens.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ROLE_LABELS, ROLES } from '../../platform/access/policy.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { SECTOR_LABELS, SECTORS } from './domain.ts';

type Form = Record<string, string | undefined>;

const roleItems = (selected?: string) => ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected }));

export function adminWeb(app: FastifyInstance, svc: Services) {
  const agenciesPage = async (reply: FastifyReply, actor: Actor, form: Form = {}, errors?: FieldError[], added?: string) =>
    reply.status(errors ? 422 : 200).render('admin-agencies.njk', {
      pageTitle: 'Agencies',
      agencies: (await svc.admin.listAgencies(actor)).map((a) => ({ ...a, sectorLabel: SECTOR_LABELS[a.sector] })),
      sectors: [{ value: '', text: 'Choose a sector' }, ...SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s], selected: form.sector === s }))],
      form,
      errors,
      added,
    });

  app.get('/admin/agencies', async (req, reply) => {
    await svc.admin.listUsers(req.actor!); // admin pages are for those who manage the partnership
    return agenciesPage(reply, req.actor!, {}, undefined, (req.query as Form).added);
  });

  app.post('/admin/agencies', { preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as Form;
    try {
      const agency = await svc.admin.createAgency(req.actor!, form);
      return reply.redirect(`${paths.adminAgencies()}?added=${encodeURIComponent(agency.name)}`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return agenciesPage(reply, req.actor!, form, err.errors);
      throw err;
    }
  });

  app.get('/admin/users', async (req, reply) => {
    const users = await svc.admin.listUsers(req.actor!);
    return reply.render('admin-users.njk', { pageTitle: 'Users', users: users.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] })), flash: (req.query as Form).done });
  });

  const newUserPage = async (reply: FastifyReply, actor: Actor, form: Form = {}, errors?: FieldError[]) => {
    const agencies = await svc.admin.listAgencies(actor);
    return reply.status(errors ? 422 : 200).render('admin-user-new.njk', {
      pageTitle: 'Invite a user',
      form,
      errors,
      roles: [{ value: '', text: 'Choose a role' }, ...roleItems(form.role)],
      agencies: [{ value: '', text: 'Choose an agency' }, ...agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, selected: a.id === form.agencyId }))],
    });
  };

  app.get('/admin/users/new', async (req, reply) => {
    await svc.admin.listUsers(req.actor!);
    return newUserPage(reply, req.actor!);
  });

  app.post('/admin/users', { preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as Form;
    try {
      const { user, inviteToken } = await svc.admin.createUser(req.actor!, { email: form.email, name: form.name, role: form.role, agencyId: form.agencyId });
      const link = inviteToken ? new URL(paths.invitation(inviteToken), `${req.protocol}://${req.host}`).toString() : null;
      return reply.status(201).render('admin-user-invited.njk', { pageTitle: 'User invited', email: user.email, link });
    } catch (err) {
      if (err instanceof ValidationProblem) return newUserPage(reply, req.actor!, form, err.errors);
      throw err;
    }
  });

  app.get('/admin/users/:id', async (req, reply) => {
    const user = await svc.admin.getUser(req.actor!, (req.params as { id: string }).id);
    return reply.render('admin-user.njk', { pageTitle: user.name, account: { ...user, roleLabel: ROLE_LABELS[user.role] }, roles: roleItems(user.role), isSelf: user.id === req.actor!.userId });
  });

  app.post('/admin/users/:id', { preHandler: app.csrfProtection }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const form = req.body as Form;
    try {
      if (form.action === 'role') await svc.admin.updateUser(req.actor!, id, { role: form.role });
      else if (form.action === 'deactivate') await svc.admin.updateUser(req.actor!, id, { active: false });
      else if (form.action === 'reactivate') await svc.admin.updateUser(req.actor!, id, { active: true });
      else if (form.action === 'reset-two-factor') await svc.admin.resetTwoFactor(req.actor!, id);
      else throw new ValidationProblem([{ field: 'action', message: 'Choose what to change' }]);
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      const user = await svc.admin.getUser(req.actor!, id);
      return reply.status(422).render('admin-user.njk', { pageTitle: user.name, account: { ...user, roleLabel: ROLE_LABELS[user.role] }, roles: roleItems(user.role), errors: err.errors, isSelf: user.id === req.actor!.userId });
    }
    return reply.redirect(`${paths.adminUsers()}?done=${encodeURIComponent(form.action ?? '')}`, 303);
  });

  const tokensPage = async (reply: FastifyReply, actor: Actor, extra: Record<string, unknown> = {}) =>
    reply.status(extra.errors ? 422 : 200).render('admin-tokens.njk', { pageTitle: 'API tokens', tokens: await svc.admin.listTokens(actor), ...extra });

  app.get('/admin/tokens', async (req, reply) => tokensPage(reply, req.actor!));

  app.post('/admin/tokens', { preHandler: app.csrfProtection }, async (req, reply) => {
    const form = req.body as Form;
    try {
      const issued = await svc.admin.issueToken(req.actor!, { email: form.email || undefined, name: form.name });
      return tokensPage(reply, req.actor!, { issued });
    } catch (err) {
      if (err instanceof ValidationProblem) return tokensPage(reply, req.actor!, { errors: err.errors, form });
      throw err;
    }
  });

  app.post('/admin/tokens/:id/revoke', { preHandler: app.csrfProtection }, async (req, reply) => {
    await svc.admin.revokeToken(req.actor!, (req.params as { id: string }).id);
    return reply.redirect(paths.adminTokens(), 303);
  });
}
