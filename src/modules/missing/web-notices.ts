// Notice pages: the default text to check and edit, recording it as sent, and the notice as recorded.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { NOTICE_KIND_LABELS, NOTICE_KINDS, NOTICE_METHOD_LABELS, type NoticeKind, type NoticeMethod } from './domain.ts';
import { dateTimeFromForm, dateTimeParts, merge, options, pageId, submissionKey, text } from './forms.ts';
import { draftNotice, getNotice, recordNotice } from './use-cases/notices.ts';

const kindOf = (v: string | undefined): NoticeKind => ((NOTICE_KINDS as readonly string[]).includes(v ?? '') ? (v as NoticeKind) : 'placing_authority');

export function noticePages(app: FastifyInstance) {
  const noticePage = async (req: FastifyRequest, reply: FastifyReply, id: string, form: FormBody, errors?: FieldError[]) => {
    const draft = await req.run(draftNotice, { id, kind: kindOf(text(form, 'kind')) });
    return reply.status(errors ? 422 : 200).render('missing-notice-new.njk', {
      pageTitle: `Notice to ${NOTICE_KIND_LABELS[draft.kind]}`,
      errors,
      draft,
      kindLabel: NOTICE_KIND_LABELS[draft.kind],
      recipient: form.recipient ?? draft.recipient,
      body: form.body ?? draft.body,
      // Nothing chosen: the officer says how it was actually sent.
      methods: options(NOTICE_METHOD_LABELS, text(form, 'method')),
      sent: dateTimeParts(form, 'sentAt'),
      submissionId: form.submissionId || randomUUID(),
    });
  };

  app.get('/missing/episodes/:id/notices/new', { config: { useCases: [draftNotice] } }, async (req, reply) => {
    const kind = (req.query as { kind?: string }).kind;
    return noticePage(req, reply, pageId(req.params, 'The missing episode'), kind ? { kind } : {});
  });

  app.post('/missing/episodes/:id/notices', { preHandler: app.csrfProtection, config: { useCases: [draftNotice, recordNotice] } }, async (req, reply) => {
    const id = pageId(req.params, 'The missing episode');
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const sentAt = dateTimeFromForm(form, 'sentAt', 'Date sent', errors);
    try {
      if (errors.length) throw new ValidationProblem(errors);
      const notice = await req.run(recordNotice, {
        id,
        ...(text(form, 'kind') ? { kind: text(form, 'kind') } : {}),
        ...(text(form, 'method') ? { method: text(form, 'method') } : {}),
        recipient: text(form, 'recipient') ?? '',
        body: text(form, 'body') ?? '',
        ...(sentAt ? { sentAt } : {}),
        ...submissionKey(form),
      });
      return reply.redirect(paths.missingNoticeShow(notice.id), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return noticePage(req, reply, id, form, merge(errors, err.errors));
      throw err;
    }
  });

  app.get('/missing/notices/:id', { config: { useCases: [getNotice] } }, async (req, reply) => {
    const notice = await req.run(getNotice, { id: pageId(req.params, 'The notice') });
    return reply.render('missing-notice.njk', {
      pageTitle: `Notice: ${NOTICE_KIND_LABELS[notice.kind]}`,
      notice,
      kindLabel: NOTICE_KIND_LABELS[notice.kind],
      methodLabel: NOTICE_METHOD_LABELS[notice.method as NoticeMethod],
    });
  });
}
