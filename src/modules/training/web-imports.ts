// Importing completions: upload (multipart, CSV or XLSX), choose the columns, watch the progress (a small script
// polls the progress endpoint; without JavaScript the page refreshes itself), see row errors by line, confirm.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { acceptUploads, uploadForm } from '../../platform/http/uploads.ts';
import { guessMapping, IMPORT_FIELD_LABELS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from './domain.ts';
import { readImport } from './imports/job.ts';
import { listCohorts } from './use-cases/courses.ts';
import {
  cancelImport,
  confirmImport,
  getImport,
  IMPORT_MAX_BYTES,
  importProgress,
  importSource,
  recentImports,
  stageImportRows,
  startImport,
  uploadImport,
} from './use-cases/imports.ts';

const importId = (req: FastifyRequest) => {
  const { id } = req.params as { id: string };
  if (!isUuid(id)) throw notFound('The import');
  return id;
};

export function trainingImportsWeb(app: FastifyInstance) {
  const newPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody = {}, errors?: FieldError[]) => {
    const cohorts = await req.run(listCohorts);
    const chosen = form.cohortId ?? (req.query as { cohortId?: string }).cohortId;
    return reply.render('training-import-new.njk', {
      pageTitle: 'Import completions',
      errors,
      maxMb: IMPORT_MAX_BYTES / 1024 / 1024,
      recent: await req.run(recentImports),
      cohorts: [
        { value: '', text: 'Choose a cohort' },
        ...cohorts.map((c) => ({ value: c.id, text: `${c.name} (${c.course_name})`, selected: c.id === chosen })),
      ],
    });
  };
  app.get('/training/imports/new', { config: { useCases: [uploadImport, listCohorts, recentImports] } }, async (req, reply) => newPage(req, reply));

  app.register(async (scoped) => {
    // A file over the limit is cut at one byte more than it, so the use case refuses it with a field error.
    await acceptUploads(scoped, { maxBytes: IMPORT_MAX_BYTES });
    scoped.post(
      '/training/imports',
      { preHandler: scoped.csrfProtection, bodyLimit: IMPORT_MAX_BYTES + 100_000, config: { useCases: [uploadImport, listCohorts, recentImports] } },
      async (req, reply) => {
        const body = uploadForm(req.body);
        const upload = body.file;
        const cohortId = body.text('cohortId');
        try {
          const r = await req.run(uploadImport, { cohortId, filename: upload?.filename ?? '', file: upload?.data ?? new Uint8Array() });
          return reply.redirect(`/training/imports/${r.id}`, 303);
        } catch (err) {
          if (err instanceof ValidationProblem) return newPage(req, reply.status(422), { cohortId }, err.errors);
          throw err;
        }
      },
    );
  });

  const importPage = async (req: FastifyRequest, reply: FastifyReply, id: string, mapping?: Record<string, string>, errors?: FieldError[]) => {
    const i = await req.run(getImport, { id });
    const chosen = mapping ?? (i.mapping as Record<string, string> | null) ?? guessMapping(i.headers);
    return reply.render('training-import.njk', {
      pageTitle: i.status === 'uploaded' ? 'Choose the columns' : i.status === 'reading' ? 'Reading the file' : `Import of ${i.filename}`,
      i,
      errors,
      fields: IMPORT_FIELDS.map((f) => ({
        name: f,
        label: IMPORT_FIELD_LABELS[f],
        required: REQUIRED_IMPORT_FIELDS.includes(f),
        items: [
          { value: '', text: REQUIRED_IMPORT_FIELDS.includes(f) ? 'Choose a column' : 'Not in this file' },
          ...i.headers.map((h) => ({ value: h, text: h, selected: chosen[f] === h })),
        ],
      })),
      shownErrors: i.errors.slice(0, 200),
    });
  };
  app.get('/training/imports/:id', { config: { useCases: [getImport] } }, async (req, reply) => importPage(req, reply, importId(req)));

  app.get('/training/imports/:id/progress', { config: { useCases: [importProgress] } }, async (req) => req.run(importProgress, { id: importId(req) }));

  app.post(
    '/training/imports/:id/start',
    { preHandler: app.csrfProtection, config: { useCases: [startImport, getImport, importSource, stageImportRows] } },
    async (req, reply) => {
      const id = importId(req);
      const form = req.body as FormBody;
      const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, one(form[`mapping.${f}`])]));
      try {
        const r = await req.run(startImport, { id, mapping });
        // Read in the background, chunk by chunk, so the progress page can follow; a failure is recorded on it.
        if (r.started)
          readImport((uc, input) => req.run(uc, input), id).catch((err) => req.log.error({ err: (err as Error).message }, 'training import failed'));
        return reply.redirect(`/training/imports/${id}`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return importPage(req, reply.status(422), id, mapping, err.errors);
        throw err;
      }
    },
  );

  app.post('/training/imports/:id/confirm', { preHandler: app.csrfProtection, config: { useCases: [confirmImport] } }, async (req, reply) => {
    const r = await req.run(confirmImport, { id: importId(req) });
    await reply.flash(`${r.addedCompletions} ${r.addedCompletions === 1 ? 'completion' : 'completions'} imported`);
    return reply.redirect(`/training/cohorts/${r.cohortId}`, 303);
  });

  app.post('/training/imports/:id/cancel', { preHandler: app.csrfProtection, config: { useCases: [cancelImport] } }, async (req, reply) => {
    await req.run(cancelImport, { id: importId(req) });
    return reply.redirect('/training/imports/new', 303);
  });
}
