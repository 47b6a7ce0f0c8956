// Review pages: the list, a review with its recommendations table and export links, one recommendation with its
// progress (add an update, sign off completion, make an action), and the executive response upload.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { acceptUploads, uploadForm } from '../../platform/http/uploads.ts';
import { formatDate } from '../../platform/time.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { ownerChoices } from '../actions/use-cases.ts';
import { sendExport } from './api.ts';
import { setCadence } from './cadence.ts';
import {
  RAG_LABELS,
  RAGS,
  RECOMMENDATION_STATUSES,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
  STATUS_LABELS,
  UPDATE_CADENCE_LABELS,
  UPDATE_CADENCES,
} from './domain.ts';
import { recPath, ref, reviewPath } from './http.ts';
import { EXPORT_FORMATS } from './schemas.ts';
import { addProgress, exportReview, getRecommendation, getReview, importReview, listReviews, requestUpdate, signOff, spawnAction } from './use-cases.ts';
import { evidenceWeb } from './web-evidence.ts';

const IMPORT_MAX_BYTES = 2_000_000;
export function reviewsWeb(app: FastifyInstance) {
  evidenceWeb(app);
  app.get('/reviews', { config: { useCases: [listReviews] } }, async (req, reply) =>
    reply.render('reviews.njk', {
      pageTitle: 'Reviews and recommendations',
      reviews: await req.run(listReviews, undefined),
      mayImport: may(req.actor!, 'review', 'create'),
    }),
  );

  const importPage = (reply: FastifyReply, form: FormBody = {}, errors?: FieldError[], status = 200) =>
    reply.status(status).render('review-import.njk', {
      pageTitle: 'Import an executive response',
      errors,
      name: one(form.name),
      kinds: REVIEW_KINDS.map((k) => ({ value: k, text: REVIEW_KIND_LABELS[k], checked: k === (one(form.kind) || 'scrutiny_review') })),
    });
  app.get('/reviews/import', { config: { useCases: [importReview] } }, async (_req, reply) => importPage(reply));

  app.register(async (scoped) => {
    await acceptUploads(scoped, { maxBytes: IMPORT_MAX_BYTES });
    scoped.post(
      '/reviews/import',
      { preHandler: scoped.csrfProtection, bodyLimit: IMPORT_MAX_BYTES + 100_000, config: { useCases: [importReview] } },
      async (req, reply) => {
        const body = uploadForm(req.body);
        const file = body.file?.data;
        const form = { name: body.text('name'), kind: body.text('kind') };
        try {
          // Every error at once: the name (as the use case would say) with the file.
          const errors: FieldError[] = form.name.trim() ? [] : [{ field: 'name', message: 'Enter the name of the review' }];
          if (!Buffer.isBuffer(file) || file.length === 0) errors.push({ field: 'file', message: 'Choose the executive response file' });
          else if (file.length > IMPORT_MAX_BYTES) errors.push({ field: 'file', message: 'The file must be smaller than 2 MB' });
          if (errors.length || !Buffer.isBuffer(file)) throw new ValidationProblem(errors);
          const r = await req.run(importReview, { name: form.name, ...(form.kind ? { kind: form.kind as 'audit' } : {}), text: file.toString('utf8') });
          await reply.flash({
            heading: `${r.recommendations} recommendations imported`,
            text: r.unread.length ? `Lines not read: ${r.unread.map((u) => `line ${u.line} (${u.message})`).join('; ')}` : 'Every line was read.',
            qa: 'review-imported',
          });
          return reply.redirect(reviewPath(r.id), 303);
        } catch (err) {
          if (err instanceof ValidationProblem) return importPage(reply, form, err.errors, 422);
          throw err;
        }
      },
    );
  });

  const reviewPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[]) => {
    const review = await req.run(getReview, { id: ref(req).id });
    const cadence = review.updateCadence ?? '';
    return reply.status(errors ? 422 : 200).render('review.njk', {
      pageTitle: review.name,
      review,
      errors,
      mayUpdate: may(req.actor!, 'review', 'update'),
      cadenceLabel: review.updateCadence ? UPDATE_CADENCE_LABELS[review.updateCadence] : 'when an update names the date',
      cadenceItems: [{ value: '', text: 'When an update names the date' }, ...UPDATE_CADENCES.map((c) => ({ value: c, text: UPDATE_CADENCE_LABELS[c] }))].map(
        (i) => ({ ...i, checked: i.value === cadence }),
      ),
      totals: RECOMMENDATION_STATUSES.map((s) => ({ label: STATUS_LABELS[s], count: review.totals[s] })),
      exports: [
        { format: 'docx', text: 'Word document' },
        { format: 'html', text: 'Web page (HTML)' },
        { format: 'csv', text: 'CSV spreadsheet' },
      ],
    });
  };
  app.get('/reviews/:id', { config: { useCases: [getReview] } }, (req, reply) => reviewPage(req, reply));
  app.post('/reviews/:id/cadence', { preHandler: app.csrfProtection, config: { useCases: [setCadence, getReview] } }, async (req, reply) => {
    const chosen = one((req.body as FormBody).updateCadence);
    try {
      if (chosen && !(UPDATE_CADENCES as readonly string[]).includes(chosen))
        throw new ValidationProblem([{ field: 'updateCadence', message: 'Select how often updates are due' }]);
      const r = await req.run(setCadence, { id: ref(req).id, updateCadence: (chosen || null) as 'monthly' | null });
      await reply.flash(r.scheduled ? `Saved: ${r.scheduled} recommendations are now due an update` : 'Saved');
    } catch (err) {
      if (err instanceof ValidationProblem) return reviewPage(req, reply, err.errors);
      throw err;
    }
    return reply.redirect(reviewPath(ref(req).id), 303);
  });

  app.get('/reviews/:id/export', { config: { useCases: [exportReview] } }, async (req, reply) => {
    const format = one((req.query as FormBody).format) as (typeof EXPORT_FORMATS)[number];
    if (!EXPORT_FORMATS.includes(format)) throw notFound('The export');
    return sendExport(reply, format, await req.run(exportReview, { id: ref(req).id }));
  });

  const recPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const { id, number } = ref(req);
    const r = await req.run(getRecommendation, { id, number });
    const mayManage = may(req.actor!, 'review', 'manage') && may(req.actor!, 'action', 'create');
    const agencies = mayManage ? (await req.run(ownerChoices, undefined)).agencies : [];
    const rec = r.recommendation;
    return reply.status(errors ? 422 : 200).render('review-recommendation.njk', {
      pageTitle: `Recommendation ${rec.number}`,
      review: r.review,
      rec,
      errors,
      form,
      mayUpdate: may(req.actor!, 'review', 'update'),
      maySignOff: may(req.actor!, 'review', 'manage') && !rec.signedOff,
      mayAct: mayManage,
      statusItems: RECOMMENDATION_STATUSES.filter((s) => s !== 'completed' || rec.status === 'completed').map((s) => ({
        value: s,
        text: STATUS_LABELS[s],
        checked: s === (one(form.status) || rec.status),
      })),
      ragItems: [{ value: '', text: 'Not rated' }, ...RAGS.map((g) => ({ value: g, text: RAG_LABELS[g] }))].map((g) => ({
        ...g,
        selected: g.value === (form.rag !== undefined ? one(form.rag) : (rec.rag ?? '')),
      })),
      requestItems: [
        { value: '', text: 'None' },
        ...rec.requests
          .filter((q) => !q.receivedOn)
          .map((q) => ({ value: q.id, text: `${q.requestedOf} (asked ${formatDate(q.requestedOn)})`, selected: q.id === one(form.requestId) })),
      ],
      agencies: [{ value: '', text: 'Choose an agency' }, ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === one(form.ownerAgencyId) }))],
      links: { review: reviewPath(id), rec: recPath(id, number) },
    });
  };
  const recUseCases = [getRecommendation, ownerChoices];
  app.get('/reviews/:id/recommendations/:number', { config: { useCases: recUseCases } }, async (req, reply) => recPage(req, reply));

  const post = (path: string, useCase: AnyUseCase, act: (req: FastifyRequest, form: FormBody) => Promise<string>) =>
    app.post(path, { preHandler: app.csrfProtection, config: { useCases: [useCase, ...recUseCases] } }, async (req, reply) => {
      const form = req.body as FormBody;
      try {
        await reply.flash(await act(req, form));
      } catch (err) {
        if (err instanceof ValidationProblem) return recPage(req, reply, err.errors, form);
        throw err;
      }
      const { id, number } = ref(req);
      return reply.redirect(recPath(id, number), 303);
    });

  post('/reviews/:id/recommendations/:number/progress', addProgress, async (req, form) => {
    const dated = readDate(form, 'datedOn', 'the date of the update');
    const next = readDate(form, 'nextUpdateDue', 'the date the next update is due');
    const dateErrors = [
      ...(dated.error ? [{ field: 'datedOn', message: dated.error }] : []),
      ...(next.error ? [{ field: 'nextUpdateDue', message: next.error }] : []),
    ];
    if (dateErrors.length) throw new ValidationProblem(dateErrors);
    const status = one(form.status);
    const rag = one(form.rag);
    const requestId = one(form.requestId);
    await req.run(addProgress, {
      ...ref(req),
      text: one(form.text),
      ...(dated.value ? { datedOn: dated.value } : {}),
      ...(next.value ? { nextUpdateDue: next.value } : {}),
      ...(requestId ? { requestId } : {}),
      ...(status ? { status: status as 'in_progress' } : {}),
      ...(rag ? { rag: rag as 'red' } : {}),
    });
    return 'Progress update added';
  });
  post('/reviews/:id/recommendations/:number/update-requests', requestUpdate, async (req, form) => {
    const on = readDate(form, 'requestedOn', 'the date of the request');
    if (on.error) throw new ValidationProblem([{ field: 'requestedOn', message: on.error }]);
    await req.run(requestUpdate, { ...ref(req), requestedOf: one(form.requestedOf), ...(on.value ? { requestedOn: on.value } : {}) });
    return `Request for an update from ${one(form.requestedOf).trim()} recorded`;
  });
  post('/reviews/:id/recommendations/:number/sign-off', signOff, async (req) => {
    const r = await req.run(signOff, ref(req));
    return `Recommendation ${r.number} signed off as completed`;
  });
  post('/reviews/:id/recommendations/:number/actions', spawnAction, async (req, form) => {
    const due = readDate(form, 'dueOn', 'the due date', { required: true });
    if (due.error) throw new ValidationProblem([{ field: 'dueOn', message: due.error }]);
    await req.run(spawnAction, { ...ref(req), title: one(form.title), ownerAgencyId: one(form.ownerAgencyId), dueOn: due.value });
    return 'Action added to the tracker';
  });
}
