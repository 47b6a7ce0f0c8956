// The action tracker's pages: the list (mine, my agency, overdue, by status; a page at a time), an action with its
// history, updating its status, reassigning it, and cancelling it with a reason and undo (cancel-web.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { actionCancelPages, actionId } from './cancel-web.ts';
import { reassignAction, updateActionStatus } from './changes.ts';
import { ACTION_STATUS_LABELS, ACTION_STATUSES, statusMoves } from './domain.ts';
import { ACTION_FILTERS } from './schemas.ts';
import { actionSettingsPages } from './settings-web.ts';
import { getAction, listActions, ownerChoices } from './use-cases.ts';

const FILTER_LABELS: Record<(typeof ACTION_FILTERS)[number], string> = {
  all: 'All I can see',
  mine: 'Mine',
  agency: 'My agency’s',
  overdue: 'Overdue',
};
const pick = <T extends string>(v: string, list: readonly T[]): T | undefined => ((list as readonly string[]).includes(v) ? (v as T) : undefined);

export function actionsWeb(app: FastifyInstance) {
  app.get('/actions', { config: { useCases: [listActions] } }, async (req, reply) => {
    const q = req.query as FormBody;
    // `?overdue=1` is the dashboard's older link to the overdue list.
    const show = one(q.overdue) === '1' ? 'overdue' : (pick(one(q.show), ACTION_FILTERS) ?? 'all');
    const status = pick(one(q.status), [...ACTION_STATUSES, 'live', 'any'] as const) ?? 'live';
    const page = Math.min(10000, Math.max(1, Number.parseInt(one(q.page), 10) || 1));
    const list = await req.run(listActions, { show, ...(status === 'any' ? {} : { status }), page });
    const link = (p: Record<string, string | number>) =>
      `${paths.actions()}?${new URLSearchParams({ show, status, page: '1', ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])) })}`;
    return reply.render('actions.njk', {
      pageTitle: show === 'overdue' ? 'Overdue actions' : 'Actions',
      list,
      actions: list.items,
      show,
      status,
      filters: ACTION_FILTERS.map((f) => ({ value: f, text: FILTER_LABELS[f], current: f === show, href: link({ show: f }) })),
      statuses: [
        { value: 'live', text: 'Open or in progress' },
        ...ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s] })),
        { value: 'any', text: 'Any status' },
      ].map((s) => ({ ...s, selected: s.value === status })),
      previous: list.page > 1 ? { href: link({ page: list.page - 1 }) } : null,
      next: list.page < list.pages ? { href: link({ page: list.page + 1 }) } : null,
    });
  });

  const actionPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors?: FieldError[], form: FormBody = {}) => {
    const [action, choices] = await Promise.all([req.run(getAction, { id }), req.run(ownerChoices, undefined)]);
    const moves = statusMoves(action.status);
    return reply.status(errors ? 422 : 200).render('action.njk', {
      pageTitle: action.title,
      action,
      statusItems: [action.status, ...moves].map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s], checked: s === (one(form.status) || action.status) })),
      mayUpdate: action.mayChange && moves.length > 0,
      agencies: choices.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === (one(form.ownerAgencyId) || action.ownerAgencyId) })),
      users: [
        { value: '', text: 'No one named' },
        ...choices.users.map((u) => ({ value: u.id, text: u.name, selected: u.id === (one(form.ownerUserId) || action.ownerUserId) })),
      ],
      due:
        form['dueOn-day'] !== undefined
          ? { day: one(form['dueOn-day']), month: one(form['dueOn-month']), year: one(form['dueOn-year']) }
          : splitDate(action.dueOn),
      errors,
    });
  };
  app.get('/actions/:id', { config: { useCases: [getAction, ownerChoices] } }, async (req, reply) => actionPage(req, reply, actionId(req)));

  app.post('/actions/:id', { preHandler: app.csrfProtection, config: { useCases: [updateActionStatus, getAction, ownerChoices] } }, async (req, reply) => {
    const id = actionId(req);
    const form = req.body as FormBody;
    // Cancelling asks why (and can be undone) on its own page.
    if (one(form.status) === 'cancelled') return reply.redirect(`${paths.action(id)}/cancel`, 303);
    try {
      const a = await req.run(updateActionStatus, { id, status: one(form.status) as 'open' });
      if (a.changed) await reply.flash(a.status === 'done' ? 'Action marked as done' : `Action updated: ${a.statusLabel}`);
    } catch (err) {
      if (err instanceof ValidationProblem) return actionPage(req, reply, id, err.errors, form);
      throw err;
    }
    return reply.redirect(one(form.from) === 'action' ? paths.action(id) : paths.actions(), 303);
  });

  app.post('/actions/:id/reassign', { preHandler: app.csrfProtection, config: { useCases: [reassignAction, getAction, ownerChoices] } }, async (req, reply) => {
    const id = actionId(req);
    const form = req.body as FormBody;
    const due = readDate(form, 'dueOn', 'the due date', { required: true });
    try {
      if (due.error) throw new ValidationProblem([{ field: 'dueOn', message: due.error }]);
      const a = await req.run(reassignAction, {
        id,
        ownerAgencyId: one(form.ownerAgencyId),
        ...(one(form.ownerUserId) ? { ownerUserId: one(form.ownerUserId) } : {}),
        dueOn: due.value,
      });
      if (a.changed)
        await reply.flash({ heading: `Action reassigned to ${a.ownerAgencyName}${a.ownerName ? `: ${a.ownerName}` : ''}`, qa: 'action-reassigned' });
    } catch (err) {
      if (err instanceof ValidationProblem) return actionPage(req, reply, id, err.errors, form);
      throw err;
    }
    return reply.redirect(paths.action(id), 303);
  });

  actionCancelPages(app);
  actionSettingsPages(app);
}

const splitDate = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};
