// A recommendation's evidence pages (Jigsaw's figures for a period; a document upload, multipart, up to 10 MB; the
// download) and the page to change who leads it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { type FieldError, forbidden, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { acceptUploads, uploadForm } from '../../platform/http/uploads.ts';
import { REPORT_KIND_LABELS, REPORT_KINDS, type ReportKind } from '../reports/figures.ts';
import { EVIDENCE_MAX_BYTES } from './domain.ts';
import { addEvidence, evidenceDocument, leadChoices, setLead } from './evidence.ts';
import { recPath, ref, sendDocument } from './http.ts';
import { getRecommendation } from './use-cases.ts';

// The use case names fields as the API does; the page's inputs have their own names.
const PAGE_FIELDS: Record<string, string> = { 'report.kind': 'reportKind', 'report.from': 'from', 'report.to': 'to', document: 'file' };
const onPage = (errors: FieldError[], titleField: string) =>
  errors.map((e) => ({ ...e, field: e.field === 'title' ? titleField : (PAGE_FIELDS[e.field] ?? e.field) }));

export function evidenceWeb(app: FastifyInstance) {
  const evidencePage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    // The form is for those who may add evidence: refused before anything is read.
    if (!may(req.actor!, 'review', 'update')) throw forbidden();
    const { recommendation: rec, review } = await req.run(getRecommendation, ref(req));
    return reply.status(errors ? 422 : 200).render('review-evidence.njk', {
      pageTitle: `Add evidence to recommendation ${rec.number}`,
      review,
      rec,
      errors,
      form,
      kinds: REPORT_KINDS.map((k) => ({ value: k, text: REPORT_KIND_LABELS[k], checked: k === one(form.reportKind) })),
      links: { review: `/reviews/${review.id}`, rec: recPath(review.id, rec.number) },
    });
  };
  const uses = [getRecommendation, addEvidence];
  app.get('/reviews/:id/recommendations/:number/evidence', { config: { useCases: uses } }, (req, reply) => evidencePage(req, reply));

  app.post('/reviews/:id/recommendations/:number/evidence/report', { preHandler: app.csrfProtection, config: { useCases: uses } }, async (req, reply) => {
    const form = req.body as FormBody;
    const from = readDate(form, 'from', 'the start of the period', { required: true });
    const to = readDate(form, 'to', 'the end of the period', { required: true });
    const kind = one(form.reportKind);
    const errors: FieldError[] = [
      ...(one(form.title).trim() ? [] : [{ field: 'title', message: 'Enter what the evidence shows' }]),
      ...((REPORT_KINDS as readonly string[]).includes(kind) ? [] : [{ field: 'reportKind', message: 'Select the figures' }]),
      ...(from.error ? [{ field: 'from', message: from.error }] : []),
      ...(to.error ? [{ field: 'to', message: to.error }] : []),
    ];
    try {
      if (errors.length) throw new ValidationProblem(errors);
      await req.run(addEvidence, { ...ref(req), title: one(form.title), report: { kind: kind as ReportKind, from: from.value, to: to.value } });
    } catch (err) {
      if (err instanceof ValidationProblem) return evidencePage(req, reply, onPage(err.errors, 'title'), form);
      throw err;
    }
    await reply.flash('Evidence added');
    return reply.redirect(recPath(ref(req).id, ref(req).number), 303);
  });

  app.register(async (scoped) => {
    await acceptUploads(scoped, { maxBytes: EVIDENCE_MAX_BYTES });
    scoped.post(
      '/reviews/:id/recommendations/:number/evidence/document',
      { preHandler: scoped.csrfProtection, bodyLimit: EVIDENCE_MAX_BYTES + 100_000, config: { useCases: uses } },
      async (req, reply) => {
        const body = uploadForm(req.body);
        const file = body.file;
        const form = { docTitle: body.text('docTitle') };
        try {
          const errors: FieldError[] = [];
          if (!form.docTitle.trim()) errors.push({ field: 'docTitle', message: 'Enter what the document shows' });
          if (!file || file.data.length === 0) errors.push({ field: 'file', message: 'Choose the document' });
          else if (file.data.length > EVIDENCE_MAX_BYTES) errors.push({ field: 'file', message: 'The file must be smaller than 10 MB' });
          if (errors.length || !file) throw new ValidationProblem(errors);
          await req.run(addEvidence, {
            ...ref(req),
            title: form.docTitle,
            document: { fileName: file.filename || 'document', contentBase64: file.data.toString('base64') },
          });
        } catch (err) {
          if (err instanceof ValidationProblem) return evidencePage(req, reply, onPage(err.errors, 'docTitle'), form);
          throw err;
        }
        await reply.flash('Document added as evidence');
        return reply.redirect(recPath(ref(req).id, ref(req).number), 303);
      },
    );
  });

  app.get('/reviews/:id/recommendations/:number/evidence/:evidenceId', { config: { useCases: [evidenceDocument] } }, async (req, reply) => {
    const evidenceId = (req.params as { evidenceId: string }).evidenceId;
    if (!isUuid(evidenceId)) throw notFound('The document');
    const d = await req.run(evidenceDocument, { ...ref(req), evidenceId });
    return sendDocument(reply, d);
  });

  const leadPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form?: FormBody) => {
    if (!may(req.actor!, 'review', 'update')) throw forbidden();
    const { recommendation: rec, review } = await req.run(getRecommendation, ref(req));
    const users = await req.run(leadChoices, undefined);
    const chosen = form ? one(form.leadUserId) : (rec.leadUser?.id ?? '');
    return reply.status(errors ? 422 : 200).render('review-lead.njk', {
      pageTitle: `Who leads recommendation ${rec.number}`,
      review,
      rec,
      errors,
      form: form ?? { leadOfficer: rec.leadOfficer ?? '', leadOrganisation: rec.leadOrganisation ?? '' },
      users: [{ value: '', text: 'No one (no reminders)' }, ...users.map((u) => ({ value: u.id, text: u.name }))].map((u) => ({
        ...u,
        selected: u.value === chosen,
      })),
      links: { review: `/reviews/${review.id}`, rec: recPath(review.id, rec.number) },
    });
  };
  app.get('/reviews/:id/recommendations/:number/lead', { config: { useCases: [getRecommendation, leadChoices] } }, (req, reply) => leadPage(req, reply));
  app.post(
    '/reviews/:id/recommendations/:number/lead',
    { preHandler: app.csrfProtection, config: { useCases: [setLead, getRecommendation, leadChoices] } },
    async (req, reply) => {
      const form = req.body as FormBody;
      try {
        const user = one(form.leadUserId);
        await req.run(setLead, { ...ref(req), leadOfficer: one(form.leadOfficer), leadOrganisation: one(form.leadOrganisation), leadUserId: user || null });
      } catch (err) {
        if (err instanceof ValidationProblem) return leadPage(req, reply, err.errors, form);
        throw err;
      }
      await reply.flash('Lead changed');
      return reply.redirect(recPath(ref(req).id, ref(req).number), 303);
    },
  );
}
