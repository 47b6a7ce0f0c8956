// The subject access page (information governance): everything held about a person with what the release copy
// withholds marked, the release (a redacted HTML or JSON download, logged: what, when, to whom), the log of
// releases, and rectification of an inaccurate detail with its history. The export is the command's (use-cases.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one, readDate } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { type Export, exportHtml, recordCount } from './domain.ts';
import { RECTIFIABLE_FIELDS } from './rectification.ts';
import { rectifyPerson } from './rectify.ts';
import { previewSubjectAccess, releaseSubjectAccess } from './use-cases.ts';
import { pageView } from './view.ts';

export const subjectAccessPath = (id: string) => `/governance/people/${id}/subject-access`;

const personId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The person');
  return id;
};

const fileName = (e: Export, ext: string) => `subject-access-${e.person.id.slice(0, 8)}-${e.generatedAt.slice(0, 10)}.${ext}`;

export function subjectAccessWeb(app: FastifyInstance) {
  const useCases = [previewSubjectAccess, releaseSubjectAccess, rectifyPerson];

  const page = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody = {}, errors?: FieldError[]) => {
    const preview = await req.run(previewSubjectAccess, { personId: id });
    return reply
      .status(errors ? 422 : 200)
      .render('subject-access.njk', { pageTitle: `Subject access: ${preview.export.person.name}`, errors, form, ...pageView(preview, form) });
  };

  app.get('/governance/people/:id/subject-access', { config: { useCases } }, async (req, reply) => page(req, reply, personId(req)));

  // The review copy as a printable file: every record, redactions marked (not a release, so not logged as one).
  app.get('/governance/people/:id/subject-access/review.html', { config: { useCases: [previewSubjectAccess] } }, async (req, reply) => {
    const { export: review } = await req.run(previewSubjectAccess, { personId: personId(req) });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(review, 'review.html')}"`)
      .send(exportHtml(review));
  });

  app.post('/governance/people/:id/subject-access', { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
    const id = personId(req);
    const form = req.body as FormBody;
    const releasedTo = one(form.releasedTo).trim();
    const format = one(form.format);
    const errors: FieldError[] = [];
    if (!releasedTo) errors.push({ field: 'releasedTo', message: 'Enter who receives the copy, like “The person, collected in person”' });
    if (releasedTo.length > 200) errors.push({ field: 'releasedTo', message: 'Who receives the copy must be 200 characters or fewer' });
    if (format !== 'html' && format !== 'json') errors.push({ field: 'format', message: 'Choose HTML (to print) or JSON' });
    if (errors.length) return page(req, reply, id, form, errors);
    const released = await req.run(releaseSubjectAccess, { personId: id, releasedTo, format });
    const e = released.export;
    const body = format === 'json' ? `${JSON.stringify(e, null, 2)}\n` : exportHtml(e);
    return reply
      .type(format === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(e, format)}"`)
      .header('x-jigsaw-records', String(recordCount(e)))
      .send(body);
  });

  app.post('/governance/people/:id/rectifications', { preHandler: app.csrfProtection, config: { useCases } }, async (req, reply) => {
    const id = personId(req);
    const form = req.body as FormBody;
    const field = one(form.field);
    const errors: FieldError[] = [];
    let value = one(form.value);
    if (field === 'dateOfBirth') {
      const dob = readDate(form, 'dateOfBirth', 'the date of birth');
      if (dob.error) errors.push({ field: 'dateOfBirth', message: dob.error });
      value = dob.value;
    }
    if (!RECTIFIABLE_FIELDS.includes(field)) errors.push({ field: 'field', message: 'Choose the detail to correct' });
    if (errors.length) return page(req, reply, id, form, errors);
    try {
      await req.run(rectifyPerson, { personId: id, field, value, reason: one(form.reason) });
    } catch (err) {
      if (!(err instanceof ValidationProblem)) throw err;
      // A date of birth is entered in the date input, which the page names dateOfBirth.
      const named = err.errors.map((e) => (e.field === 'value' && field === 'dateOfBirth' ? { ...e, field: 'dateOfBirth' } : e));
      return page(req, reply, id, form, named);
    }
    await reply.flash('Correction saved. The earlier value is kept in the history below.');
    return reply.redirect(`${subjectAccessPath(id)}#rectification`, 303);
  });
}
