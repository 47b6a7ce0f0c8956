// Case pages: the hub's list, the child's "Plan and actions" tab (the case and its actions), and the forms to
// allocate, change status, close and record a review. A stale form (someone changed the case meanwhile) is shown
// again with the case as it is now and a message, never saved over the other change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayDirectCase, mayOnCase } from '../../platform/access/rules.ts';
import { dateInput, dateParts, type FormBody, one } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, isUuid, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { CASE_STATUS_LABELS, CASE_STATUSES } from './domain.ts';
import { frameUseCases, loadPersonFrame } from './frame.ts';
import { allocateCase, changeCaseStatus, closeCase, reviewCase } from './use-cases/changes.ts';
import { caseOptions, personActions } from './use-cases/plan.ts';
import { casesListPage, casesListUseCases } from './web-list.ts';

type FormKind = 'allocate' | 'status' | 'close' | 'review';

const DONE: Record<FormKind, string> = { allocate: 'Allocation saved', status: 'Status changed', close: 'Case closed', review: 'Review recorded' };

const personIdOf = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The person');
  return id;
};

export function casesWeb(app: FastifyInstance) {
  casesListPage(app);

  const tabUseCases = [...frameUseCases, personActions];
  app.get('/people/:id/actions', { config: { useCases: tabUseCases } }, async (req, reply) => {
    const id = personIdOf(req);
    const { person, caseOf, frame } = await loadPersonFrame(req, id, 'actions');
    const actions = await req.run(personActions, { personId: id });
    const actor = req.actor!;
    return reply.render('case-plan.njk', {
      pageTitle: `Plan and actions: ${person.givenName} ${person.familyName}`,
      person,
      frame,
      caseOf,
      actions,
      canDirect: !!caseOf?.case && mayDirectCase(actor) && caseOf.case.status !== 'closed',
      canReview: !!caseOf?.case && caseOf.case.status !== 'closed' && mayOnCase(actor, 'update', { agencyInvolved: false, caseWorker: actions.caseWorker }),
    });
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, kind: FormKind, extra: { errors?: FieldError[]; form?: FormBody } = {}) => {
    const id = personIdOf(req);
    const { person, caseOf, frame } = await loadPersonFrame(req, id, 'actions');
    if (!caseOf?.case) throw notFound('The case');
    const options = await req.run(caseOptions, {});
    const c = caseOf.case;
    const form = extra.form ?? {};
    const value = (name: string, current: string | null) => (extra.form ? one(form[name]) : (current ?? ''));
    return reply.status(extra.errors ? (extra.errors.some((e) => e.field === 'version') ? 409 : 422) : 200).render('case-form.njk', {
      pageTitle: `${{ allocate: 'Allocate', status: 'Change status', close: 'Close case', review: 'Record a review' }[kind]}: ${person.givenName} ${person.familyName}`,
      kind,
      person,
      frame,
      case: c,
      errors: extra.errors,
      // After a conflict the form carries the version now stored, so a resubmission applies to what the user now sees.
      version: c.version,
      agencies: [{ value: '', text: 'No lead agency' }, ...options.agencies.map((a) => ({ value: a.id, text: a.name }))].map((i) => ({
        ...i,
        selected: i.value === value('leadAgencyId', c.leadAgency?.id ?? null),
      })),
      workers: (field: string, current: string | null) =>
        [{ value: '', text: 'Not allocated' }, ...options.users.map((u) => ({ value: u.id, text: `${u.name} (${u.agencyName})` }))].map((i) => ({
          ...i,
          selected: i.value === value(field, current),
        })),
      ward: value('ward', c.ward),
      statuses: CASE_STATUSES.filter((s) => s !== 'closed' && s !== c.status).map((s) => ({
        value: s,
        text: CASE_STATUS_LABELS[s],
        checked: one(form.status) === s,
      })),
      reason: one(form.reason),
      closureReasons: options.closureReasons.map((r) => ({ value: r.code, text: r.label, needsDetail: r.needsDetail, checked: one(form.reason) === r.code })),
      detail: one(form.detail),
      notes: one(form.notes),
      nextReviewDue: dateParts(form, 'nextReviewDue'),
      today: ukDate(new Date()),
    });
  };

  const forms: { kind: FormKind; uc: AnyUseCase; input: (form: FormBody) => Record<string, unknown> | FieldError[] }[] = [
    {
      kind: 'allocate',
      uc: allocateCase,
      input: (f) => ({ leadAgencyId: one(f.leadAgencyId), allocatedWorkerId: one(f.allocatedWorkerId), keyWorkerId: one(f.keyWorkerId), ward: one(f.ward) }),
    },
    {
      kind: 'status',
      uc: changeCaseStatus,
      input: (f) => (one(f.status) ? { status: one(f.status), reason: one(f.reason) } : [{ field: 'status', message: 'Select the case’s status' }]),
    },
    { kind: 'close', uc: closeCase, input: (f) => ({ reason: one(f.reason), detail: one(f.detail) }) },
    {
      kind: 'review',
      uc: reviewCase,
      input: (f) => {
        const next = dateInput(f, 'nextReviewDue');
        if (next === 'invalid') return [{ field: 'nextReviewDue', message: 'The next review must be a real date, for example 27 3 2027' }];
        return { notes: one(f.notes), ...(next ? { nextReviewDue: next } : {}) };
      },
    },
  ];
  for (const { kind, uc, input } of forms) {
    const url = `/people/:id/case/${kind}`;
    const useCases = [...frameUseCases, caseOptions, uc];
    app.get(url, { config: { useCases } }, async (req, reply) => formPage(req, reply, kind));
    app.post(url, { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
      const personId = personIdOf(req);
      const form = req.body as FormBody;
      const fields = input(form);
      try {
        if (Array.isArray(fields)) throw new ValidationProblem(fields);
        const version = Number(one(form.version));
        await req.run(uc, { personId, version: Number.isInteger(version) && version > 0 ? version : 1, ...fields });
      } catch (err) {
        if (err instanceof ValidationProblem) return formPage(req, reply, kind, { errors: err.errors, form });
        if (err instanceof Problem && err.status === 409) return formPage(req, reply, kind, { errors: err.errors, form });
        throw err;
      }
      await reply.flash({ heading: DONE[kind], qa: 'case-done' });
      return reply.redirect(paths.personActions(personId), 303);
    });
  }
}

export const casesPageUseCases = casesListUseCases;
