// Case audit pages: templates and rounds, a new template, a new round (template, period, rule, sample size,
// agencies), a round (sample, progress, findings, actions), one sampled case's answer form, the round's report.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { asList, type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../cases/domain.ts';
import { TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS } from '../triage/vocab.ts';
import { COMMENT_MAX, GRADE_LABELS, GRADES, questionsFromLines } from './domain.ts';
import { reportCsv, reportFileName } from './export.ts';
import { getReport } from './report.ts';
import { addAuditAction, addFinding, answerCase, completeRound, getAuditCase, getRound } from './rounds.ts';
import { createRound, createTemplate, listCaseAudits, roundChoices } from './use-cases.ts';
import { countsRow } from './view.ts';

const roundPath = (id: string) => `/case-audits/rounds/${id}`;

function ref(req: FastifyRequest) {
  const p = req.params as { id: string; number?: string };
  if (!isUuid(p.id)) throw notFound('The audit round');
  const number = p.number === undefined ? 0 : Number(p.number);
  if (p.number !== undefined && !(Number.isInteger(number) && number > 0 && number <= 50)) throw notFound('The case');
  return { id: p.id, number };
}

/** Runs `act`; a validation problem re-renders the form with every error (422), anything else is thrown. */
async function orForm(act: () => Promise<unknown>, form: (errors: FieldError[]) => Promise<unknown>) {
  try {
    return await act();
  } catch (err) {
    if (err instanceof ValidationProblem) return form(err.errors);
    throw err;
  }
}

export function caseAuditsWeb(app: FastifyInstance) {
  app.get('/case-audits', { config: { useCases: [listCaseAudits] } }, async (req, reply) => {
    const list = await req.run(listCaseAudits, undefined);
    return reply.render('case-audits.njk', {
      pageTitle: 'Multi-agency case audits',
      ...list,
      mayCreate: may(req.actor!, 'case_audit', 'create'),
      mayOpen: may(req.actor!, 'case_audit', 'read'),
    });
  });

  // ---- a new template ----
  const templatePage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) =>
    reply.status(errors ? 422 : 200).render('case-audit-template-new.njk', { pageTitle: 'New audit template', form, errors });
  app.get('/case-audits/templates/new', { config: { useCases: [createTemplate] } }, async (_req, reply) => templatePage(reply));
  app.post('/case-audits/templates/new', { preHandler: app.csrfProtection, config: { useCases: [createTemplate] } }, async (req, reply) => {
    const form = req.body as FormBody;
    return orForm(
      async () => {
        const t = await req.run(createTemplate, { name: one(form.name), theme: one(form.theme), questions: questionsFromLines(one(form.questions)) });
        await reply.flash(`Template “${t.name}” saved with ${t.questions.length} questions`);
        return reply.redirect('/case-audits', 303);
      },
      // A question's error is shown on the one text area of questions.
      async (errors) =>
        templatePage(
          reply,
          form,
          errors.map((e) => (e.field.startsWith('questions') ? { ...e, field: 'questions' } : e)),
        ),
    );
  });

  // ---- a new round ----
  const roundPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const choices = await req.run(roundChoices, undefined);
    const chosen = (name: string) => asList(form[name]);
    return reply.status(errors ? 422 : 200).render('case-audit-round-new.njk', {
      pageTitle: 'New audit round',
      form,
      errors,
      templates: [
        { value: '', text: 'Choose a template' },
        ...choices.templates.map((t) => ({ value: t.id, text: `${t.name} (${t.questions} questions)`, selected: t.id === one(form.templateId) })),
      ],
      riskLevels: RISK_LEVELS.map((r) => ({ value: r, text: RISK_LEVEL_LABELS[r], checked: chosen('riskLevels').includes(r) })),
      categories: TRIAGE_CATEGORIES.map((c) => ({ value: c, text: TRIAGE_CATEGORY_LABELS[c], checked: chosen('categories').includes(c) })),
      agencies: choices.agencies.map((a) => ({ value: a.id, text: a.name, checked: chosen('agencyIds').includes(a.id) })),
    });
  };
  const roundUseCases = [createRound, roundChoices];
  app.get('/case-audits/rounds/new', { config: { useCases: roundUseCases } }, async (req, reply) => roundPage(req, reply));
  app.post('/case-audits/rounds/new', { preHandler: app.csrfProtection, config: { useCases: roundUseCases } }, async (req, reply) => {
    const form = req.body as FormBody;
    return orForm(
      async () => {
        const from = readDate(form, 'from', 'the start of the period', { required: true });
        const to = readDate(form, 'to', 'the end of the period', { required: true });
        const size = one(form.sampleSize).trim();
        const seed = one(form.seed).trim();
        const early = [
          ...(one(form.templateId) ? [] : [{ field: 'templateId', message: 'Select the audit template' }]),
          ...(one(form.name).trim() ? [] : [{ field: 'name', message: 'Enter the name of the audit round' }]),
          ...(from.error ? [{ field: 'from', message: from.error }] : []),
          ...(to.error ? [{ field: 'to', message: to.error }] : []),
          ...(/^\d+$/.test(size) ? [] : [{ field: 'sampleSize', message: 'Enter how many cases to audit as a whole number' }]),
          ...(asList(form.agencyIds).length ? [] : [{ field: 'agencyIds', message: 'Select the agencies taking part' }]),
          ...(seed === '' || /^\d+$/.test(seed) ? [] : [{ field: 'seed', message: 'The seed must be a whole number from 1 to 999999' }]),
        ];
        if (early.length) throw new ValidationProblem(early);
        const r = await req.run(createRound, {
          templateId: one(form.templateId),
          name: one(form.name),
          from: from.value,
          to: to.value,
          sampleSize: Number(size),
          riskLevels: asList(form.riskLevels) as never,
          categories: asList(form.categories) as never,
          agencyIds: asList(form.agencyIds),
          ...(seed ? { seed: Number(seed) } : {}),
        });
        await reply.flash({ heading: 'Audit round started', text: `Sample: ${r.sample.explanation}.`, qa: 'round-started' });
        return reply.redirect(roundPath(r.id), 303);
      },
      (errors) => roundPage(req, reply, form, errors),
    );
  });

  // ---- a round ----
  const showRound = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const round = await req.run(getRound, { id: ref(req).id });
    const mayManage = may(req.actor!, 'case_audit', 'manage') && round.status === 'open';
    const mayAct = may(req.actor!, 'case_audit', 'manage') && may(req.actor!, 'action', 'create');
    const agencies = mayAct ? (await req.run(roundChoices, undefined)).agencies : [];
    return reply.status(errors ? 422 : 200).render('case-audit-round.njk', {
      pageTitle: round.name,
      round,
      form,
      errors,
      mayManage,
      mayAct,
      agencies: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form.ownerAgencyId) }))],
      findingItems: [
        { value: '', text: 'The round as a whole' },
        ...round.findings.map((f) => ({ value: String(f.number), text: `Finding ${f.number}`, selected: String(f.number) === one(form.finding) })),
      ],
      caseItems: [
        { value: '', text: 'Not about one case' },
        ...round.cases.map((c) => ({ value: String(c.number), text: `Case ${c.number}`, selected: String(c.number) === one(form.caseNumber) })),
      ],
    });
  };
  const roundPageUseCases = [getRound, roundChoices];
  app.get('/case-audits/rounds/:id', { config: { useCases: roundPageUseCases } }, async (req, reply) => showRound(req, reply));
  app.post(
    '/case-audits/rounds/:id/findings',
    { preHandler: app.csrfProtection, config: { useCases: [addFinding, ...roundPageUseCases] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      return orForm(
        async () => {
          const f = await req.run(addFinding, { id: ref(req).id, text: one(form.text) });
          await reply.flash(`Finding ${f.number} added`);
          return reply.redirect(roundPath(ref(req).id), 303);
        },
        (errors) => showRound(req, reply, form, errors),
      );
    },
  );
  app.post(
    '/case-audits/rounds/:id/actions',
    { preHandler: app.csrfProtection, config: { useCases: [addAuditAction, ...roundPageUseCases] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      return orForm(
        async () => {
          const due = readDate(form, 'dueOn', 'the due date', { required: true });
          if (due.error) throw new ValidationProblem([{ field: 'dueOn', message: due.error }]);
          await req.run(addAuditAction, {
            id: ref(req).id,
            title: one(form.title),
            ownerAgencyId: one(form.ownerAgencyId),
            dueOn: due.value,
            ...(one(form.finding) ? { finding: Number(one(form.finding)) } : {}),
            ...(one(form.caseNumber) ? { caseNumber: Number(one(form.caseNumber)) } : {}),
          });
          await reply.flash('Remedial action added to the tracker');
          return reply.redirect(roundPath(ref(req).id), 303);
        },
        (errors) => showRound(req, reply, form, errors),
      );
    },
  );
  app.post('/case-audits/rounds/:id/complete', { preHandler: app.csrfProtection, config: { useCases: [completeRound] } }, async (req, reply) => {
    const r = await req.run(completeRound, { id: ref(req).id });
    await reply.flash(`${r.name} completed: its report stands`);
    return reply.redirect(roundPath(r.id), 303);
  });

  // ---- one sampled case: the answer form for the user's agency ----
  const casePage = async (req: FastifyRequest, reply: FastifyReply, form?: FormBody, errors?: FieldError[]) => {
    const { id, number } = ref(req);
    const agencyId = one((req.query as FormBody).agency) || (form ? one(form.agencyId) : '');
    const c = await req.run(getAuditCase, { id, number, ...(isUuid(agencyId) ? { agencyId } : {}) });
    return reply.status(errors ? 422 : 200).render('case-audit-case.njk', {
      pageTitle: `Case ${number}`,
      ...c,
      errors,
      commentMax: COMMENT_MAX,
      links: { round: roundPath(id), self: `${roundPath(id)}/cases/${number}` },
      questions: c.questions.map((q) => {
        const grade = form ? one(form[`grade-${q.number}`]) : (q.grade ?? '');
        return {
          ...q,
          comment: form ? one(form[`comment-${q.number}`]) : q.comment,
          grades: GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], checked: g === grade })),
        };
      }),
      agencyItems: c.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === c.agency?.id })),
    });
  };
  const caseUseCases = [getAuditCase];
  app.get('/case-audits/rounds/:id/cases/:number', { config: { useCases: caseUseCases } }, async (req, reply) => casePage(req, reply));
  app.post(
    '/case-audits/rounds/:id/cases/:number',
    { preHandler: app.csrfProtection, config: { useCases: [answerCase, ...caseUseCases] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      const { id, number } = ref(req);
      return orForm(
        async () => {
          const numbers = Object.keys(form)
            .map((k) => /^(grade|comment)-(\d+)$/.exec(k)?.[2])
            .filter((n): n is string => !!n)
            .map(Number);
          const questions = [...new Set(numbers)].sort((a, b) => a - b);
          const errors: FieldError[] = [];
          const answers = questions.flatMap((q) => {
            const grade = one(form[`grade-${q}`]);
            const comment = one(form[`comment-${q}`]).trim();
            if (!grade && comment) errors.push({ field: `grade-${q}`, message: `Select a grade for question ${q}, or remove its comment` });
            return grade ? [{ question: q, grade: grade as 'good', ...(comment ? { comment } : {}) }] : [];
          });
          if (!errors.length && !answers.length) errors.push({ field: 'grade-1', message: 'Select a grade for at least one question' });
          if (errors.length) throw new ValidationProblem(errors);
          const agencyId = one(form.agencyId);
          const r = await req.run(answerCase, { id, caseNumber: number, answers, ...(agencyId ? { agencyId } : {}) });
          await reply.flash(`Case ${number}: ${r.answered} answers saved for ${r.agencyName}`);
          return reply.redirect(roundPath(id), 303);
        },
        // Errors named by the use case (answers[i].grade) are shown against the question's grade.
        (errors) =>
          casePage(
            req,
            reply,
            form,
            errors.map((e) => ({ ...e, field: e.field.replace(/^answers\[(\d+)\]\.(\w+)$/, (_, i) => `grade-${questionsAt(form, Number(i))}`) })),
          ),
      );
    },
  );

  // ---- the report ----
  app.get('/case-audits/rounds/:id/report.csv', { config: { useCases: [getReport] } }, async (req, reply) => {
    const report = await req.run(getReport, { id: ref(req).id });
    const on = ukDate(new Date());
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${reportFileName(report, on)}"`)
      .send(reportCsv(report, on));
  });
  app.get('/case-audits/rounds/:id/report', { config: { useCases: [getReport] } }, async (req, reply) => {
    const report = await req.run(getReport, { id: ref(req).id });
    const rows = (items: { label: string; counts: Parameters<typeof countsRow>[0] }[]) => items.map((i) => ({ label: i.label, values: countsRow(i.counts) }));
    return reply.render('case-audit-report.njk', {
      pageTitle: `Report: ${report.name}`,
      report,
      tables: [
        { qa: 'overall', caption: 'Grades overall', header: 'Answers', rows: rows([{ label: 'All answers', counts: report.overall }]) },
        {
          qa: 'by-question',
          caption: 'Grades by question',
          header: 'Question',
          rows: rows(report.byQuestion.map((q) => ({ label: `${q.number}. ${q.text}`, counts: q.counts }))),
        },
        { qa: 'by-agency', caption: 'Grades by agency', header: 'Agency', rows: rows(report.byAgency.map((a) => ({ label: a.name, counts: a.counts }))) },
        { qa: 'by-case', caption: 'Grades by case', header: 'Case', rows: rows(report.byCase) },
      ],
      mayOpenRound: may(req.actor!, 'case_audit', 'read'),
    });
  });
}

/** The question number of the i-th graded answer sent from the form (as the handler built the list). */
function questionsAt(form: FormBody, i: number): number {
  const graded = Object.keys(form)
    .map((k) => /^grade-(\d+)$/.exec(k)?.[1])
    .filter((n): n is string => !!n && !!one(form[`grade-${n}`]))
    .map(Number)
    .sort((a, b) => a - b);
  return graded[i] ?? 1;
}
