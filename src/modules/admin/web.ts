// Administration pages for partnership admins: agencies, users (invite, role, deactivate, reset two-factor), API tokens.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS, ROLES } from '../../platform/access/policy.ts';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { adminItemsFor } from '../../platform/views/render.ts';
import { SECTOR_LABELS, SECTORS } from './domain.ts';
import { createAgency, getUser, inviteUser, issueToken, listAgencies, listTokens, listUsers, resetTwoFactor, revokeToken, updateUser } from './use-cases.ts';

const roleItems = (selected?: string) => ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === selected }));

/** The named form fields that were filled in (a blank field is absent, so the schema says it is required). */
const filled = (form: FormBody, names: string[]) => Object.fromEntries(names.map((n) => [n, one(form[n])]).filter(([, v]) => v !== ''));

const userId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The user');
  return id;
};

export function adminWeb(app: FastifyInstance) {
  const agenciesPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('admin-agencies.njk', {
      pageTitle: 'Agencies',
      agencies: (await req.run(listAgencies)).map((a) => ({ ...a, sectorLabel: SECTOR_LABELS[a.sector] })),
      sectors: [{ value: '', text: 'Choose a sector' }, ...SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s], selected: form.sector === s }))],
      form,
      errors,
    });

  // The navigation's one "Admin" entry: the administration pages this role may open.
  app.get('/admin', { config: { why: 'a list of links to the administration pages the role may open' } }, async (req, reply) => {
    const items = adminItemsFor(req.actor!.role);
    if (!items.length) throw forbidden('Your role has no administration pages');
    return reply.render('admin-index.njk', { pageTitle: 'Admin', items });
  });

  const agencyUseCases = [listAgencies, createAgency];

  app.get('/admin/agencies', { config: { useCases: agencyUseCases } }, async (req, reply) => {
    if (!may(req.actor!, 'agency', 'manage')) throw forbidden('Only partnership administrators manage agencies');
    return agenciesPage(req, reply, {});
  });

  app.post('/admin/agencies', { preHandler: app.csrfProtection, config: { useCases: agencyUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      const agency = await req.run(createAgency, filled(form, ['name', 'sector']));
      await reply.flash(`Agency added: ${agency.name}`);
      return reply.redirect(paths.adminAgencies(), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return agenciesPage(req, reply, form, err.errors);
      throw err;
    }
  });

  app.get('/admin/users', { config: { useCases: [listUsers] } }, async (req, reply) => {
    const users = await req.run(listUsers);
    return reply.render('admin-users.njk', {
      pageTitle: 'Users',
      users: users.map((u) => ({ ...u, roleLabel: ROLE_LABELS[u.role] })),
    });
  });

  const newUserPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const agencies = await req.run(listAgencies);
    return reply.status(errors ? 422 : 200).render('admin-user-new.njk', {
      pageTitle: 'Invite a user',
      form,
      errors,
      roles: [{ value: '', text: 'Choose a role' }, ...roleItems(one(form.role))],
      agencies: [
        { value: '', text: 'Choose an agency' },
        ...agencies.filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, selected: a.id === form.agencyId })),
      ],
    });
  };

  const inviteUseCases = [listAgencies, inviteUser];

  app.get('/admin/users/new', { config: { useCases: inviteUseCases } }, async (req, reply) => {
    if (!may(req.actor!, 'user', 'manage')) throw forbidden('Only partnership administrators invite users');
    return newUserPage(req, reply);
  });

  app.post('/admin/users', { preHandler: app.csrfProtection, config: { useCases: inviteUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      const { user, inviteToken } = await req.run(inviteUser, filled(form, ['email', 'name', 'role', 'agencyId']));
      const link = new URL(paths.invitation(inviteToken), `${req.protocol}://${req.host}`).toString();
      return reply.status(201).render('admin-user-invited.njk', { pageTitle: 'User invited', email: user.email, link });
    } catch (err) {
      if (err instanceof ValidationProblem) return newUserPage(req, reply, form, err.errors);
      throw err;
    }
  });

  const userPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FieldError[]) => {
    const user = await req.run(getUser, { id });
    return reply.status(errors ? 422 : 200).render('admin-user.njk', {
      pageTitle: user.name,
      account: { ...user, roleLabel: ROLE_LABELS[user.role] },
      roles: roleItems(user.role),
      errors,
      isSelf: user.id === req.actor!.userId,
    });
  };

  app.get('/admin/users/:id', { config: { useCases: [getUser] } }, async (req, reply) => userPage(req, reply, userId(req)));

  app.post('/admin/users/:id', { preHandler: app.csrfProtection, config: { useCases: [getUser, updateUser, resetTwoFactor] } }, async (req, reply) => {
    const id = userId(req);
    const form = req.body as FormBody;
    const action = one(form.action);
    try {
      if (action === 'role') await req.run(updateUser, { id, ...filled(form, ['role']) });
      else if (action === 'deactivate') await req.run(updateUser, { id, active: false });
      else if (action === 'reactivate') await req.run(updateUser, { id, active: true });
      else if (action === 'reset-two-factor') await req.run(resetTwoFactor, { id });
      else throw new ValidationProblem([{ field: 'action', message: 'Choose what to change' }]);
    } catch (err) {
      if (err instanceof ValidationProblem) return userPage(req, reply, id, err.errors);
      throw err;
    }
    await reply.flash('Change saved');
    return reply.redirect(paths.adminUsers(), 303);
  });

  const tokensPage = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.status(extra.errors ? 422 : 200).render('admin-tokens.njk', { pageTitle: 'API tokens', tokens: await req.run(listTokens), ...extra });

  app.get('/admin/tokens', { config: { useCases: [listTokens] } }, async (req, reply) => tokensPage(req, reply));

  app.post('/admin/tokens', { preHandler: app.csrfProtection, config: { useCases: [listTokens, issueToken] } }, async (req, reply) => {
    const form = req.body as FormBody;
    try {
      const issued = await req.run(issueToken, filled(form, ['email', 'name']));
      return tokensPage(req, reply, { issued });
    } catch (err) {
      if (err instanceof ValidationProblem) return tokensPage(req, reply, { errors: err.errors, form });
      throw err;
    }
  });

  app.post('/admin/tokens/:id/revoke', { preHandler: app.csrfProtection, config: { useCases: [revokeToken] } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The active token');
    await req.run(revokeToken, { id });
    return reply.redirect(paths.adminTokens(), 303);
  });
}
