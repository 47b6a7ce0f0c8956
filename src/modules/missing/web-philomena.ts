// Philomena Protocol pages: the profile, its print view, the photo, and the edit form. The form is multipart (it
// carries the photo): @fastify/multipart parses it in this scope only, with a size limit.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import type { FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, forbidden, ValidationProblem } from '../../platform/http/problems.ts';
import { acceptUploads, uploadForm } from '../../platform/http/uploads.ts';
import { PHOTO_MAX_BYTES } from './domain.ts';
import { pageId } from './forms.ts';
import { getPhoto, getProfile, printProfile, saveProfile } from './use-cases/profiles.ts';

const PROFILE_FIELDS = ['description', 'associates', 'places', 'phones', 'socialMedia', 'medicalNeeds', 'otherInformation'] as const;

export function philomenaPages(app: FastifyInstance) {
  const personId = (req: FastifyRequest) => pageId(req.params, 'The person');

  app.get('/people/:id/philomena', { config: { useCases: [getProfile] } }, async (req, reply) => {
    const p = await req.run(getProfile, { personId: personId(req) });
    return reply.render('philomena.njk', {
      pageTitle: `Philomena Protocol profile: ${p.person.name}`,
      p,
      canUpdate: may(req.actor!, 'missing', 'update'),
    });
  });

  app.get('/people/:id/philomena/print', { config: { useCases: [printProfile] } }, async (req, reply) => {
    const p = await req.run(printProfile, { personId: personId(req) });
    return reply.render('philomena-print.njk', { pageTitle: `Philomena Protocol: ${p.person.name}`, p, printedAt: new Date() });
  });

  app.get('/people/:id/philomena/photo', { config: { useCases: [getPhoto] } }, async (req, reply) => {
    const photo = await req.run(getPhoto, { personId: personId(req) });
    return reply.type(photo.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline').send(photo.data);
  });

  const editPage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody | null, errors?: FieldError[]) => {
    const p = await req.run(getProfile, { personId: id });
    const v = form ?? (p.profile as unknown as FormBody) ?? {};
    return reply
      .status(errors ? 422 : 200)
      .render('philomena-edit.njk', { pageTitle: `Edit Philomena Protocol profile: ${p.person.name}`, errors, p, v, maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
  };

  app.get('/people/:id/philomena/edit', { config: { useCases: [getProfile] } }, async (req, reply) => {
    const id = personId(req);
    if (!may(req.actor!, 'missing', 'update')) throw forbidden('Your role may not change Philomena Protocol profiles');
    return editPage(req, reply, id, null);
  });

  app.register(async (scoped) => {
    // Fields arrive as strings; the photo as { data, filename }. A file over the limit is cut at one byte more than
    // it, so the use case's size rule refuses it with a field error rather than the request failing.
    await acceptUploads(scoped, { maxBytes: PHOTO_MAX_BYTES, fields: 20, fieldSize: 20_000 });
    scoped.post('/people/:id/philomena/edit', { preHandler: scoped.csrfProtection, config: { useCases: [getProfile, saveProfile] } }, async (req, reply) => {
      const id = personId(req);
      const body = uploadForm(req.body, 'photo');
      const upload = body.file;
      const fields = Object.fromEntries(PROFILE_FIELDS.filter((k) => body.has(k)).map((k) => [k, body.text(k)])) as FormBody;
      try {
        await req.run(saveProfile, { personId: id, ...fields, ...(upload && upload.data.length > 0 ? { photo: upload.data } : {}) });
        await reply.flash('Profile saved');
        return reply.redirect(paths.philomena(id), 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return editPage(req, reply, id, fields, err.errors);
        throw err;
      }
    });
  });
}
