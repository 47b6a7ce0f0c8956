// Delivery plan pages: the list, a new plan, a plan (summary, overdue actions, and each priority's objectives and
// actions with status and RAG tags), forms to add a priority, an objective or an action, and an action's page with
// its progress (add an update, make a tracker action). Every form shows all its errors at once, in page order.
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { ownerChoices } from '../actions/use-cases.ts';
import { ACTION_STATUSES, PROGRESS_MAX, RAG_LABELS, RAGS, STATUS_LABELS, TEXT_MAX } from './domain.ts';
import { ActionProgressInput, AddObjectiveInput, AddPlanActionInput, AddPriorityInput, CreatePlanInput, SpawnTrackerActionInput } from './schemas.ts';
import {
  addActionProgress,
  addObjective,
  addPlanAction,
  addPriority,
  createPlan,
  getPlan,
  getPlanAction,
  leadChoices,
  listPlans,
  spawnTrackerAction,
} from './use-cases.ts';

const planPath = (id: string) => `/delivery-plans/${id}`;
const actionPath = (id: string, actionId: string) => `/delivery-plans/${id}/actions/${actionId}`;

function ref(req: FastifyRequest) {
  const p = req.params as { id: string; actionId?: string };
  if (!isUuid(p.id) || (p.actionId !== undefined && !isUuid(p.actionId))) throw notFound('The delivery plan');
  return { id: p.id, actionId: p.actionId ?? '' };
}

/** The schema's errors and the date inputs' errors together, in the order the fields are on the page. */
function formErrors(schema: TSchema, input: Record<string, unknown>, dates: Record<string, { error?: string }>, order: string[]): FieldError[] {
  const dateErrors = Object.entries(dates).flatMap(([field, d]) => (d.error ? [{ field, message: d.error }] : []));
  const errors = [...dateErrors, ...inputErrors(schema, input).filter((e) => !dates[e.field]?.error)];
  const at = (f: string) => (order.indexOf(f.split(/[.[]/)[0]) + 1 || order.length + 1) as number;
  return errors.sort((a, b) => at(a.field) - at(b.field));
}
const given = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));
const statusItems = (value: string) => ACTION_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], checked: s === value }));
const ragItems = (value: string) =>
  [{ value: '', text: 'Not rated' }, ...RAGS.map((g) => ({ value: g, text: RAG_LABELS[g] }))].map((g) => ({ ...g, selected: g.value === value }));

export function deliveryPlanWeb(app: FastifyInstance) {
  app.get('/delivery-plans', { config: { useCases: [listPlans] } }, async (req, reply) =>
    reply.render('delivery-plans.njk', {
      pageTitle: 'Delivery plans',
      plans: await req.run(listPlans, undefined),
      mayCreate: may(req.actor!, 'review', 'create'),
    }),
  );

  const newPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('delivery-plan-new.njk', { pageTitle: 'Create a delivery plan', form, errors });
  app.get('/delivery-plans/new', { config: { useCases: [createPlan] } }, async (_req, reply) => newPage(reply));
  app.post('/delivery-plans', { preHandler: app.csrfProtection, config: { useCases: [createPlan] } }, async (req, reply) => {
    const form = req.body as FormBody;
    const from = readDate(form, 'from', 'the start of the period', { required: true });
    const to = readDate(form, 'to', 'the end of the period', { required: true });
    const input = { name: one(form.name), ...given({ from: from.value, to: to.value }) };
    const errors = formErrors(CreatePlanInput, input, { from, to }, ['name', 'from', 'to']);
    try {
      if (errors.length) throw new ValidationProblem(errors);
      const plan = await req.run(createPlan, input as never);
      await reply.flash(`Delivery plan “${plan.name}” created`);
      return reply.redirect(planPath(plan.id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return newPage(reply, form, err.errors);
      throw err;
    }
  });

  app.get('/delivery-plans/:id', { config: { useCases: [getPlan] } }, async (req, reply) => {
    const plan = await req.run(getPlan, { id: ref(req).id });
    return reply.render('delivery-plan.njk', {
      pageTitle: plan.name,
      plan,
      statusTotals: ACTION_STATUSES.map((s) => ({ label: STATUS_LABELS[s], count: plan.summary.byStatus[s] })),
      ragTotals: [...RAGS.map((g) => ({ label: RAG_LABELS[g], count: plan.summary.byRag[g] })), { label: 'Not rated', count: plan.summary.byRag.unrated }],
      mayUpdate: may(req.actor!, 'review', 'update'),
      hasObjectives: plan.priorities.some((p) => p.objectives.length > 0),
    });
  });

  // Adding a priority, an objective or an action: one page shape each, with the plan's priorities and objectives.
  const addUseCases = [getPlan, leadChoices];
  const addPage = async (req: FastifyRequest, reply: FastifyReply, kind: 'priority' | 'objective' | 'action', form: FormBody = {}, errors?: FieldError[]) => {
    const plan = await req.run(getPlan, { id: ref(req).id });
    const staff = kind === 'action' ? await req.run(leadChoices, undefined) : [];
    const objectives = plan.priorities.flatMap((p) => p.objectives.map((o) => ({ value: o.id, text: `${o.ref} ${o.text}`.slice(0, 120) })));
    return reply.status(errors ? 422 : 200).render('delivery-plan-add.njk', {
      pageTitle: { priority: 'Add a priority', objective: 'Add an objective', action: 'Add an action' }[kind],
      kind,
      plan: { id: plan.id, name: plan.name },
      form,
      errors,
      textMax: TEXT_MAX,
      priorities: [{ value: '', text: 'Choose a priority' }, ...plan.priorities.map((p) => ({ value: p.id, text: `${p.number}. ${p.title}` }))].map((i) => ({
        ...i,
        selected: i.value === one(form.priorityId),
      })),
      objectives: [{ value: '', text: 'Choose an objective' }, ...objectives].map((i) => ({ ...i, selected: i.value === one(form.objectiveId) })),
      staff: [{ value: '', text: 'Not a Jigsaw user' }, ...staff.map((u) => ({ value: u.id, text: u.name }))].map((i) => ({
        ...i,
        selected: i.value === one(form.leadUserId),
      })),
      statusItems: statusItems(one(form.status) || 'not_started'),
      ragItems: ragItems(one(form.rag)),
    });
  };
  const adder = (
    kind: 'priority' | 'objective' | 'action',
    plural: string,
    useCase: AnyUseCase,
    act: (req: FastifyRequest, form: FormBody) => Promise<string>,
  ) => {
    app.get(`/delivery-plans/:id/${plural}/new`, { config: { useCases: [useCase, ...addUseCases] } }, async (req, reply) => addPage(req, reply, kind));
    app.post(`/delivery-plans/:id/${plural}`, { preHandler: app.csrfProtection, config: { useCases: [useCase, ...addUseCases] } }, async (req, reply) => {
      const form = req.body as FormBody;
      try {
        await reply.flash(await act(req, form));
      } catch (err) {
        if (err instanceof ValidationProblem) return addPage(req, reply, kind, form, err.errors);
        throw err;
      }
      return reply.redirect(planPath(ref(req).id), 303);
    });
  };
  adder('priority', 'priorities', addPriority, async (req, form) => {
    const input = { id: ref(req).id, title: one(form.title) };
    const errors = formErrors(AddPriorityInput, input, {}, ['title']);
    if (errors.length) throw new ValidationProblem(errors);
    const r = await req.run(addPriority, input);
    return `Priority ${r.number} added`;
  });
  adder('objective', 'objectives', addObjective, async (req, form) => {
    const input = { id: ref(req).id, ...given({ priorityId: one(form.priorityId) }), text: one(form.text) };
    const errors = formErrors(AddObjectiveInput, input, {}, ['priorityId', 'text']);
    if (errors.length) throw new ValidationProblem(errors);
    const r = await req.run(addObjective, input as never);
    return `Objective ${r.ref} added`;
  });
  adder('action', 'actions', addPlanAction, async (req, form) => {
    const dueOn = readDate(form, 'dueOn', 'the due date', { required: true });
    const input = {
      id: ref(req).id,
      ...given({ objectiveId: one(form.objectiveId) }),
      text: one(form.text),
      leadOfficer: one(form.leadOfficer),
      leadOrganisation: one(form.leadOrganisation),
      ...given({ leadUserId: one(form.leadUserId), dueOn: dueOn.value, status: one(form.status), rag: one(form.rag) }),
    };
    const order = ['objectiveId', 'text', 'leadOfficer', 'leadOrganisation', 'leadUserId', 'dueOn', 'status', 'rag'];
    const errors = formErrors(AddPlanActionInput, input, { dueOn }, order);
    if (errors.length) throw new ValidationProblem(errors);
    const r = await req.run(addPlanAction, input as never);
    return `Action ${r.ref} added`;
  });

  // An action's page: its progress, the update form, and making a tracker action from it.
  const actionUseCases = [getPlanAction, ownerChoices];
  const actionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const { id, actionId } = ref(req);
    const r = await req.run(getPlanAction, { id, actionId });
    const mayAct = may(req.actor!, 'review', 'manage') && may(req.actor!, 'action', 'create');
    const agencies = mayAct ? (await req.run(ownerChoices, undefined)).agencies : [];
    return reply.status(errors ? 422 : 200).render('delivery-plan-action.njk', {
      pageTitle: `Action ${r.action.ref}`,
      ...r,
      form,
      errors,
      progressMax: PROGRESS_MAX,
      mayUpdate: may(req.actor!, 'review', 'update'),
      mayAct,
      statusItems: statusItems(one(form.status) || r.action.status),
      ragItems: ragItems(form.rag !== undefined ? one(form.rag) : (r.action.rag ?? '')),
      agencies: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name }))].map((a) => ({
        ...a,
        selected: a.value === one(form.ownerAgencyId),
      })),
      links: { plan: planPath(id), action: actionPath(id, actionId) },
    });
  };
  app.get('/delivery-plans/:id/actions/:actionId', { config: { useCases: actionUseCases } }, async (req, reply) => actionPage(req, reply));

  const post = (path: string, useCase: AnyUseCase, act: (req: FastifyRequest, form: FormBody) => Promise<string>) =>
    app.post(path, { preHandler: app.csrfProtection, config: { useCases: [useCase, ...actionUseCases] } }, async (req, reply) => {
      const form = req.body as FormBody;
      try {
        await reply.flash(await act(req, form));
      } catch (err) {
        if (err instanceof ValidationProblem) return actionPage(req, reply, form, err.errors);
        throw err;
      }
      const { id, actionId } = ref(req);
      return reply.redirect(actionPath(id, actionId), 303);
    });

  post('/delivery-plans/:id/actions/:actionId/progress', addActionProgress, async (req, form) => {
    const datedOn = readDate(form, 'datedOn', 'the date of the update');
    const input = { ...ref(req), text: one(form.text), ...given({ datedOn: datedOn.value, status: one(form.status), rag: one(form.rag) }) };
    const errors = formErrors(ActionProgressInput, input, { datedOn }, ['text', 'datedOn', 'status', 'rag']);
    if (errors.length) throw new ValidationProblem(errors);
    await req.run(addActionProgress, input as never);
    return 'Progress update added';
  });
  post('/delivery-plans/:id/actions/:actionId/tracker-actions', spawnTrackerAction, async (req, form) => {
    const dueOn = readDate(form, 'dueOn', 'the due date', { required: true });
    const input = { ...ref(req), title: one(form.title), ...given({ ownerAgencyId: one(form.ownerAgencyId), dueOn: dueOn.value }) };
    const errors = formErrors(SpawnTrackerActionInput, input, { dueOn }, ['title', 'ownerAgencyId', 'dueOn']);
    if (errors.length) throw new ValidationProblem(errors);
    await req.run(spawnTrackerAction, input as never);
    return 'Action added to the tracker';
  });
}
