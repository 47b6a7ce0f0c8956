// Context page forms, each working without JavaScript: assess against the toolkit (a rating and notes per area),
// link a child (search, choose, say how), record a survey of feelings of safety, review the context, add a plan
// action to the one tracker; and a child's contexts (/people/:id/contexts). Errors come back with what was typed.

import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { inputErrors } from '../../platform/http/input.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { listAgencies } from '../admin/use-cases.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { searchPeople } from '../people/use-cases.ts';
import { CONTEXT_STATUSES, LINK_ROLE_LABELS, LINK_ROLES, RATING_LABELS, RATINGS, RESPONDENT_LABELS, RESPONDENTS, STATUS_LABELS } from './domain.ts';
import { AssessInput, ContextActionInput, LinkChildInput, ReviewInput, SurveyInput } from './schemas.ts';
import { addContextAction, assessContext, assessmentForm, contextsOfPerson, linkChild, recordSurvey, reviewContext } from './use-cases.ts';

type Form = { context: { id: string; name: string; kind: string; areas: { code: string; label: string }[] } };
/** What each form's page needs beyond the context, given what was typed. */
type Extra = (req: FastifyRequest, form: FormBody, ctx: Form['context']) => Promise<Record<string, unknown>>;
/** Turns the typed form into the use case's call; throws ValidationProblem with the page's field names. */
type Save = (req: FastifyRequest, id: string, form: FormBody, ctx: Form['context']) => Promise<string>;

const idOf = (req: FastifyRequest) => {
  const id = (req.params as { id: string }).id;
  if (!isUuid(id)) throw notFound('The context');
  return id;
};
const opt = (v: string) => (v.trim() ? v : undefined);
/** A typed number, or the text as typed so the schema names the field (blank is absent). */
const num = (v: string, whole = false) => {
  const t = v.trim();
  if (!t) return undefined;
  const ok = whole ? /^\d+$/.test(t) : /^\d+(\.\d+)?$/.test(t);
  return (ok ? Number(t) : t) as number;
};
const radios = (values: readonly string[], labels: Record<string, string>, chosen: string) =>
  values.map((v) => ({ value: v, text: labels[v] ?? v, checked: v === chosen }));

/**
 * Reads the form's dates and builds the use case's input. Any error found here (a date, an area not rated) stops
 * the save, reported with what the schema would say of the rest; otherwise the use case runs and checks its rules.
 * `fix` says a schema's error as the page's box does (ratings[2].notes is the third area's notes box).
 */
async function save<I>(
  form: FormBody,
  opts: { dates: [name: string, what: string, required: boolean][]; schema: TSchema; early?: FieldError[]; fix?: (e: FieldError) => FieldError },
  build: (dates: Record<string, string>) => I,
  run: (input: I) => Promise<string>,
) {
  const rename = (errors: FieldError[]) => errors.map((e) => opts.fix?.(e) ?? e);
  const errors: FieldError[] = [...(opts.early ?? [])];
  const dates: Record<string, string> = {};
  for (const [name, what, required] of opts.dates) {
    const d = readDate(form, name, what, { required });
    if (d.error) errors.push({ field: name, message: d.error });
    else if (d.value) dates[name] = d.value;
  }
  const input = build(dates);
  if (errors.length) {
    const rest = rename(inputErrors(opts.schema, input)).filter((e) => !errors.some((x) => x.field === e.field));
    throw new ValidationProblem([...errors, ...rest]);
  }
  try {
    return await run(input);
  } catch (err) {
    if (err instanceof ValidationProblem) throw new ValidationProblem(rename(err.errors));
    throw err;
  }
}

export function contextFormsWeb(app: FastifyInstance) {
  /** One form: GET shows it, POST saves and returns to the context, or shows it again with the errors (422). */
  function formRoute(path: string, post: string, template: string, title: string, useCases: AnyUseCase[], extra: Extra, save: Save) {
    const page = async (req: FastifyRequest, reply: FastifyReply, form: FormBody, errors?: FieldError[]) => {
      const context = await req.run(assessmentForm, { id: idOf(req) });
      return reply.status(errors ? 422 : 200).render(template, {
        pageTitle: `${title}: ${context.name}`,
        title,
        c: context,
        form,
        errors,
        ...(await extra(req, form, context)),
      });
    };
    const config = { config: { useCases: [assessmentForm, ...useCases] } };
    app.get(`/contexts/:id/${path}`, config, (req, reply) => page(req, reply, req.query as FormBody));
    app.post(`/contexts/:id/${post}`, { ...config, preHandler: app.csrfProtection }, async (req, reply) => {
      const id = idOf(req);
      const form = req.body as FormBody;
      const context = await req.run(assessmentForm, { id });
      try {
        await reply.flash({ heading: await save(req, id, form, context), qa: 'context-saved' });
        return reply.redirect(`/contexts/${id}`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return page(req, reply, form, err.errors);
        throw err;
      }
    });
  }

  formRoute(
    'assessments/new',
    'assessments',
    'context-assess.njk',
    'Assess the context',
    [assessContext],
    async (req, form, c) => ({
      areas: c.areas.map((a) => ({ ...a, ratings: radios(RATINGS, RATING_LABELS, one(form[`rating-${a.code}`])), notes: one(form[`notes-${a.code}`]) })),
      // Where the areas come from: the partnership's toolkit (those who change it change it there).
      toolkitHref: may(req.actor!, 'context_toolkit', 'read') ? '/admin/context-toolkit' : null,
    }),
    (req, id, form, c) =>
      save(
        form,
        {
          dates: [['assessedOn', 'the date of the assessment', true]],
          schema: AssessInput,
          // Every area of the toolkit is rated ("Not known" is a rating): an area left out is said, not skipped.
          early: c.areas
            .filter((a) => !one(form[`rating-${a.code}`]))
            .map((a) => ({ field: `rating-${a.code}`, message: `Select a rating for ${a.label.split(':')[0]}` })),
          fix: (e) => {
            const m = /^ratings\[(\d+)\]\.(\w+)$/.exec(e.field);
            const code = m ? c.areas[Number(m[1])]?.code : undefined;
            return code ? { ...e, field: `${m?.[2] === 'notes' ? 'notes' : 'rating'}-${code}` } : e;
          },
        },
        (d) => ({
          id,
          assessedOn: d.assessedOn ?? '',
          ...(opt(one(form.summary)) ? { summary: one(form.summary) } : {}),
          ratings: c.areas.map((a) => ({
            areaCode: a.code,
            rating: one(form[`rating-${a.code}`]) as 'not_known',
            ...(opt(one(form[`notes-${a.code}`])) ? { notes: one(form[`notes-${a.code}`]) } : {}),
          })),
        }),
        async (input) => `Assessment recorded: ${(await req.run(assessContext, input)).rated} areas rated`,
      ),
  );

  formRoute(
    'children/new',
    'children',
    'context-link-child.njk',
    'Link a child',
    [linkChild, searchPeople],
    async (req, form) => {
      const q = one(form.q).trim().slice(0, 200);
      const found = q.length >= 2 ? await req.run(searchPeople, { q }) : [];
      return {
        q,
        searched: q.length >= 2,
        people: found.map((p) => ({
          value: p.id,
          text: `${p.givenName} ${p.familyName}`,
          hint: { text: p.dateOfBirth ? `Born ${p.dateOfBirth}` : 'Date of birth not known' },
          checked: p.id === one(form.personId),
        })),
        roles: radios(LINK_ROLES, LINK_ROLE_LABELS, one(form.role)),
      };
    },
    (req, id, form) =>
      save(
        form,
        // Nobody to choose yet: the error points at the search box.
        {
          dates: [],
          schema: LinkChildInput,
          fix: (e) => (e.field === 'personId' && !one(form.personId) ? { field: 'q', message: 'Search for the child by name, then select them' } : e),
        },
        () => ({
          id,
          personId: one(form.personId) || (undefined as unknown as string),
          role: (one(form.role) || undefined) as 'other',
          ...(opt(one(form.reason)) ? { reason: one(form.reason) } : {}),
        }),
        async (input) => `Child linked to ${(await req.run(linkChild, input)).contextName}`,
      ),
  );

  formRoute(
    'surveys/new',
    'surveys',
    'context-survey.njk',
    'Record a survey of feelings of safety',
    [recordSurvey],
    async (_req, form) => ({ respondents: radios(RESPONDENTS, RESPONDENT_LABELS, one(form.respondents)) }),
    (req, id, form) =>
      save(
        form,
        { dates: [['surveyedOn', 'the date of the survey', true]], schema: SurveyInput },
        (d) => ({
          id,
          surveyedOn: d.surveyedOn ?? '',
          respondents: (one(form.respondents) || undefined) as 'children',
          responses: num(one(form.responses), true) as number,
          percentSafe: num(one(form.percentSafe)) as number,
          ...(opt(one(form.notes)) ? { notes: one(form.notes) } : {}),
        }),
        async (input) => `Survey recorded: ${(await req.run(recordSurvey, input)).percentSafe}% feel safe`,
      ),
  );

  formRoute(
    'reviews/new',
    'reviews',
    'context-review.njk',
    'Review the context',
    [reviewContext],
    async (_req, form) => ({ statuses: radios(CONTEXT_STATUSES, STATUS_LABELS, one(form.statusAfter)) }),
    (req, id, form) =>
      save(
        form,
        {
          dates: [
            ['reviewedOn', 'the date of the review', true],
            ['nextReviewOn', 'the next review date', false],
          ],
          schema: ReviewInput,
        },
        (d) => ({
          id,
          reviewedOn: d.reviewedOn ?? '',
          summary: one(form.summary),
          statusAfter: (one(form.statusAfter) || undefined) as 'open',
          ...(d.nextReviewOn ? { nextReviewOn: d.nextReviewOn } : {}),
        }),
        async (input) => `Review recorded: ${STATUS_LABELS[(await req.run(reviewContext, input)).statusAfter]}`,
      ),
  );

  formRoute(
    'actions/new',
    'actions',
    'context-action.njk',
    'Add an action to the plan',
    [addContextAction, listAgencies],
    async (req, form) => ({
      agencies: [
        { value: '', text: 'Choose the agency' },
        ...(await req.run(listAgencies)).filter((a) => a.active).map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form.ownerAgencyId) })),
      ],
    }),
    (req, id, form) =>
      save(
        form,
        { dates: [['dueOn', 'the date the action is due', true]], schema: ContextActionInput },
        (d) => ({ id, title: one(form.title), ownerAgencyId: one(form.ownerAgencyId) || (undefined as unknown as string), dueOn: d.dueOn ?? '' }),
        async (input) => `Action added: ${(await req.run(addContextAction, input)).title}`,
      ),
  );

  // The child's side: the contexts they are linked to, in the child's page frame.
  app.get('/people/:id/contexts', { config: { useCases: [...frameUseCases, contextsOfPerson] } }, async (req, reply) => {
    const personId = (req.params as { id: string }).id;
    if (!isUuid(personId)) throw notFound('The person');
    const { frame } = await loadPersonFrame(req, personId, 'contexts');
    const r = await req.run(contextsOfPerson, { personId });
    return reply.render('person-contexts.njk', { pageTitle: `Contexts of ${frame.name}`, frame, contexts: r.contexts });
  });
}
