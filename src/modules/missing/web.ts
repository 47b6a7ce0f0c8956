// Missing children pages: the coordinator's dashboard (interviews due, children missing now, repeat-missing
// alerts), recording an episode, a return and an interview, raising a referral, notices, the Philomena profile
// and the quarterly report. Thin handlers: forms become the API's shape, the service does the rest.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services.ts';
import { type Actor, requireScope } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/policy.ts';
import { dateInput, dateParts, type FormBody } from '../../platform/http/forms.ts';
import { paths } from '../../platform/http/paths.ts';
import { type FieldError, ValidationProblem } from '../../platform/http/problems.ts';
import { isIsoDate, ukDateTime, ukLocalToInstant } from '../../platform/time.ts';
import {
  CLASSIFICATION_LABELS,
  DECLINE_REASON_LABELS,
  NOTICE_KIND_LABELS,
  NOTICE_METHOD_LABELS,
  POLICE_RISK_GRADE_LABELS,
} from './domain.ts';
import { imageType, PHOTO_MAX_BYTES } from './service.ts';

const options = (vocab: Record<string, string>, selected?: string) => Object.entries(vocab).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));

/** A GOV.UK date input plus a time box (UK local time) -> ISO instant, '' when blank, or an error. */
export function dateTimeFromForm(form: FormBody, name: string, label: string, errors: FieldError[], defaultTime?: string): string | null | undefined {
  const date = dateInput(form, name);
  const time = String(form[`${name}-time`] ?? '').trim() || (date ? (defaultTime ?? '') : '');
  if (!date && !time) return null;
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const at = m && date !== 'invalid' && isIsoDate(date) ? ukLocalToInstant(`${date}T${m[1].padStart(2, '0')}:${m[2]}`) : null;
  if (!at) {
    errors.push({ field: name, message: `${label} must be a real date, and the time like 14:30 (UK time)` });
    return undefined;
  }
  return at.toISOString();
}

/** Re-shows a date-time field: the typed parts after an error, or the stored instant in UK time. */
function dateTimeParts(form: FormBody, name: string, stored?: Date | null) {
  if (form[`${name}-day`] !== undefined || form[`${name}-time`] !== undefined) return { ...dateParts(form, name), time: form[`${name}-time`] };
  if (!stored) return { day: '', month: '', year: '', time: '' };
  const local = ukDateTime(stored);
  return { day: String(Number(local.slice(8, 10))), month: String(Number(local.slice(5, 7))), year: local.slice(0, 4), time: local.slice(11) };
}

const text = (form: FormBody, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
const submissionKey = (form: FormBody) => (typeof form.submissionId === 'string' && form.submissionId ? `form:${form.submissionId}` : undefined);

export function episodeFromForm(form: FormBody): { raw: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const raw: Record<string, unknown> = {
    personId: text(form, 'personId'),
    classification: text(form, 'classification'),
    riskGrade: text(form, 'riskGrade'),
    lastSeenPlace: text(form, 'lastSeenPlace') ?? null,
    foundPlace: text(form, 'foundPlace') ?? null,
    policeReference: text(form, 'policeReference') ?? null,
    lookedAfter: form.lookedAfter === 'yes',
    responsibleAuthority: text(form, 'responsibleAuthority') ?? null,
    placedByOtherLa: form.placedByOtherLa === 'yes',
    placingAuthority: text(form, 'placingAuthority') ?? null,
  };
  for (const [name, label] of [
    ['reportedAt', 'Date reported missing'],
    ['lastSeenAt', 'Date last seen'],
    ['returnedAt', 'Date returned'],
  ] as const) {
    const v = dateTimeFromForm(form, name, label, errors);
    if (v !== undefined) raw[name] = v;
  }
  return { raw, errors };
}

const merge = (errors: FieldError[], more: FieldError[]) => [...errors, ...more.filter((e) => !errors.some((x) => x.field === e.field))];

export function missingWeb(app: FastifyInstance, svc: Services) {
  // ---- dashboard ----
  app.get('/missing', async (req, reply) => {
    const actor = req.actor!;
    const dash = await svc.missing.dashboard(actor);
    return reply.render('missing-dashboard.njk', {
      pageTitle: 'Missing children',
      dash,
      canCreate: can(actor.role, 'missing', 'create'),
      canManage: can(actor.role, 'missing', 'manage'),
      canUpdate: can(actor.role, 'missing', 'update'),
      canReport: can(actor.role, 'report', 'read'),
    });
  });

  // ---- recording an episode ----
  const newPage = async (reply: FastifyReply, actor: Actor, form: FormBody, errors?: FieldError[]) => {
    const personId = text(form, 'personId');
    const person = personId ? await svc.people.get(actor, personId, 'person.viewed_for_missing_episode') : null;
    const q = text(form, 'q');
    const results = !person && q ? await svc.people.search(actor, q) : [];
    return reply.status(errors ? 422 : 200).render('missing-episode-new.njk', {
      pageTitle: 'Record a missing episode',
      errors,
      form,
      person,
      q,
      results,
      submissionId: form.submissionId || randomUUID(),
      classifications: options(CLASSIFICATION_LABELS, text(form, 'classification')),
      riskGrades: options(POLICE_RISK_GRADE_LABELS, text(form, 'riskGrade')),
      reported: dateTimeParts(form, 'reportedAt'),
      lastSeen: dateTimeParts(form, 'lastSeenAt'),
      returned: dateTimeParts(form, 'returnedAt'),
      placedDefault: person?.placedByOtherLa ?? false,
    });
  };

  app.get('/missing/episodes/new', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'create');
    const q = req.query as { personId?: string; q?: string };
    return newPage(reply, req.actor!, { ...(q.personId ? { personId: q.personId } : {}), ...(q.q ? { q: q.q } : {}) });
  });

  app.post('/missing/episodes', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'missing', 'create');
    const form = req.body as FormBody;
    const { raw, errors } = episodeFromForm(form);
    try {
      if (errors.length) throw new ValidationProblem(errors);
      const { episode } = await svc.missing.createEpisode(actor, raw, submissionKey(form));
      return reply.redirect(`${paths.missingEpisode(episode.id)}?created=1`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return newPage(reply, actor, form, merge(errors, err.errors));
      throw err;
    }
  });

  app.get('/missing/episodes/:id', async (req, reply) => {
    const actor = req.actor!;
    const episode = await svc.missing.getEpisode(actor, (req.params as { id: string }).id);
    const q = req.query as Record<string, string | undefined>;
    return reply.render('missing-episode.njk', {
      pageTitle: `Missing episode: ${episode.personName}`,
      episode,
      created: 'created' in q,
      saved: q.saved,
      canUpdate: can(actor.role, 'missing', 'update'),
      canRefer: can(actor.role, 'referral', 'create'),
      noticeKinds: NOTICE_KIND_LABELS,
    });
  });

  // ---- the return ----
  const returnPage = async (reply: FastifyReply, actor: Actor, id: string, form: FormBody, errors?: FieldError[]) => {
    const episode = await svc.missing.getEpisode(actor, id);
    return reply.status(errors ? 422 : 200).render('missing-return.njk', {
      pageTitle: 'Record the return',
      errors,
      form,
      episode,
      returned: dateTimeParts(form, 'returnedAt', episode.returnedAt),
    });
  };

  app.get('/missing/episodes/:id/return', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'update');
    return returnPage(reply, req.actor!, (req.params as { id: string }).id, {});
  });

  app.post('/missing/episodes/:id/return', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'missing', 'update');
    const id = (req.params as { id: string }).id;
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const returnedAt = dateTimeFromForm(form, 'returnedAt', 'Date returned', errors);
    if (!returnedAt && errors.length === 0) errors.push({ field: 'returnedAt', message: 'Enter the date and time the child returned or was found' });
    try {
      if (errors.length) throw new ValidationProblem(errors);
      await svc.missing.updateEpisode(actor, id, { returnedAt, foundPlace: text(form, 'foundPlace') || null });
      return reply.redirect(`${paths.missingEpisode(id)}?saved=return`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return returnPage(reply, actor, id, form, merge(errors, err.errors));
      throw err;
    }
  });

  // ---- the return home interview ----
  const interviewPage = async (reply: FastifyReply, actor: Actor, id: string, form: FormBody, errors?: FieldError[]) => {
    const episode = await svc.missing.getEpisode(actor, id);
    const i = episode.interview;
    const value = (name: string) => (form[name] !== undefined ? form[name] : ((i as unknown as Record<string, unknown> | null)?.[name] ?? ''));
    const status = text(form, 'status') ?? (i ? (i.completedAt ? 'completed' : i.declinedAt ? 'declined' : 'offered') : 'offered');
    return reply.status(errors ? 422 : 200).render('missing-interview.njk', {
      pageTitle: 'Return home interview',
      errors,
      episode,
      status,
      value,
      offered: dateTimeParts(form, 'offeredAt', i?.offeredAt),
      completed: dateTimeParts(form, 'completedAt', i?.completedAt),
      declined: dateTimeParts(form, 'declinedAt', i?.declinedAt),
      reasons: options(DECLINE_REASON_LABELS, String(value('declinedReason') ?? '')),
    });
  };

  app.get('/missing/episodes/:id/interview', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'update');
    return interviewPage(reply, req.actor!, (req.params as { id: string }).id, {});
  });

  app.post('/missing/episodes/:id/interview', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'missing', 'update');
    const id = (req.params as { id: string }).id;
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const raw: Record<string, unknown> = { status: text(form, 'status') };
    const offeredAt = dateTimeFromForm(form, 'offeredAt', 'Date offered', errors);
    if (offeredAt !== undefined) raw.offeredAt = offeredAt;
    if (raw.status === 'completed') {
      const completedAt = dateTimeFromForm(form, 'completedAt', 'Date of the interview', errors);
      if (completedAt !== undefined) raw.completedAt = completedAt;
      for (const f of ['whereWent', 'whoWith', 'travel', 'pushFactors', 'pullFactors', 'disclosures', 'nextSteps']) raw[f] = text(form, f) ?? null;
    }
    if (raw.status === 'declined') {
      const declinedAt = dateTimeFromForm(form, 'declinedAt', 'Date declined', errors);
      if (declinedAt) raw.declinedAt = declinedAt;
      raw.declinedReason = text(form, 'declinedReason') || null;
      raw.declinedReasonDetail = text(form, 'declinedReasonDetail') || null;
    }
    try {
      if (errors.length) throw new ValidationProblem(errors);
      await svc.missing.putInterview(actor, id, raw);
      return reply.redirect(`${paths.missingEpisode(id)}?saved=interview`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return interviewPage(reply, actor, id, form, merge(errors, err.errors));
      throw err;
    }
  });

  app.post('/missing/episodes/:id/referral', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'referral', 'create');
    const { referral } = await svc.missing.raiseReferral(actor, (req.params as { id: string }).id);
    return reply.redirect(`${paths.referral(referral.id)}?created=1`, 303);
  });

  // ---- notices ----
  const noticePage = async (reply: FastifyReply, actor: Actor, id: string, form: FormBody, errors?: FieldError[]) => {
    const kind = text(form, 'kind') ?? 'placing_authority';
    const partnership = await svc.partnership(actor.partnershipId);
    const draft = await svc.missing.noticeDraft(actor, id, kind, partnership?.name ?? '');
    return reply.status(errors ? 422 : 200).render('missing-notice-new.njk', {
      pageTitle: `Notice to ${NOTICE_KIND_LABELS[draft.kind]}`,
      errors,
      draft,
      kindLabel: NOTICE_KIND_LABELS[draft.kind],
      recipient: form.recipient ?? draft.recipient,
      body: form.body ?? draft.body,
      methods: options(NOTICE_METHOD_LABELS, text(form, 'method') ?? 'secure_email'),
      sent: dateTimeParts(form, 'sentAt'),
      submissionId: form.submissionId || randomUUID(),
    });
  };

  app.get('/missing/episodes/:id/notices/new', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'update');
    const kind = (req.query as { kind?: string }).kind;
    return noticePage(reply, req.actor!, (req.params as { id: string }).id, kind ? { kind } : {});
  });

  app.post('/missing/episodes/:id/notices', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'missing', 'update');
    const id = (req.params as { id: string }).id;
    const form = req.body as FormBody;
    const errors: FieldError[] = [];
    const sentAt = dateTimeFromForm(form, 'sentAt', 'Date sent', errors);
    try {
      if (errors.length) throw new ValidationProblem(errors);
      const noticeId = await svc.missing.recordNotice(
        actor,
        id,
        { kind: text(form, 'kind'), recipient: text(form, 'recipient') ?? '', method: text(form, 'method'), body: text(form, 'body') ?? '', ...(sentAt ? { sentAt } : {}) },
        submissionKey(form),
      );
      return reply.redirect(paths.missingNoticeShow(noticeId), 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return noticePage(reply, actor, id, form, merge(errors, err.errors));
      throw err;
    }
  });

  app.get('/missing/notices/:id', async (req, reply) => {
    const notice = await svc.missing.getNotice(req.actor!, (req.params as { id: string }).id);
    return reply.render('missing-notice.njk', { pageTitle: `Notice: ${NOTICE_KIND_LABELS[notice.kind]}`, notice, kindLabel: NOTICE_KIND_LABELS[notice.kind], methodLabel: NOTICE_METHOD_LABELS[notice.method as keyof typeof NOTICE_METHOD_LABELS] });
  });

  // ---- alerts and the rule ----
  app.post('/missing/alerts/:id/acknowledge', { preHandler: app.csrfProtection }, async (req, reply) => {
    requireScope(req.actor!, 'missing', 'update');
    await svc.missing.acknowledgeAlert(req.actor!, (req.params as { id: string }).id);
    return reply.redirect(paths.missing(), 303);
  });

  const rulePage = async (reply: FastifyReply, actor: Actor, form: FormBody, errors?: FieldError[]) => {
    const rule = await svc.missing.rule(actor);
    return reply.status(errors ? 422 : 200).render('missing-rule.njk', { pageTitle: 'Repeat-missing rule', errors, episodes: form.episodes ?? rule.episodes, withinDays: form.withinDays ?? rule.withinDays, saved: form.saved });
  };
  app.get('/missing/rule', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'manage');
    return rulePage(reply, req.actor!, (req.query as FormBody) ?? {});
  });
  app.post('/missing/rule', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'missing', 'manage');
    const form = req.body as FormBody;
    try {
      await svc.missing.setRule(actor, { episodes: form.episodes, withinDays: form.withinDays });
      return reply.redirect(`${paths.missingRule()}?saved=1`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return rulePage(reply, actor, form, err.errors);
      throw err;
    }
  });

  // ---- the quarterly report ----
  app.get('/missing/report', async (req, reply) => {
    const actor = req.actor!;
    requireScope(actor, 'report', 'read');
    const q = req.query as { from?: string; to?: string };
    try {
      const { report, rule } = await svc.missing.report(actor, q);
      // Statistical disclosure control for roles who see aggregates only: counts 1-5 shown as "c".
      const sdc = !can(actor.role, 'missing', 'read');
      const n = (v: number) => (sdc && v >= 1 && v <= 5 ? 'c' : String(v));
      return reply.render('missing-report.njk', { pageTitle: 'Missing children: quarterly figures', report, rule, n, sdc, from: report.from, to: report.to, reasons: DECLINE_REASON_LABELS });
    } catch (err) {
      if (err instanceof ValidationProblem) return reply.status(422).render('missing-report.njk', { pageTitle: 'Missing children: quarterly figures', errors: err.errors, from: q.from, to: q.to });
      throw err;
    }
  });

  // ---- a child's missing history ----
  app.get('/people/:id/missing', async (req, reply) => {
    const actor = req.actor!;
    const child = await svc.missing.childMissing(actor, (req.params as { id: string }).id);
    return reply.render('missing-child.njk', { pageTitle: `Missing episodes: ${child.person.name}`, child, canCreate: can(actor.role, 'missing', 'create'), canUpdate: can(actor.role, 'missing', 'update') });
  });

  // ---- the Philomena Protocol profile ----
  app.get('/people/:id/philomena', async (req, reply) => {
    const actor = req.actor!;
    const p = await svc.missing.profile(actor, (req.params as { id: string }).id);
    return reply.render('philomena.njk', { pageTitle: `Philomena Protocol profile: ${p.person.name}`, p, canUpdate: can(actor.role, 'missing', 'update'), saved: 'saved' in (req.query as object) });
  });

  app.get('/people/:id/philomena/print', async (req, reply) => {
    const p = await svc.missing.profile(req.actor!, (req.params as { id: string }).id, 'printed');
    return reply.render('philomena-print.njk', { pageTitle: `Philomena Protocol: ${p.person.name}`, p, printedAt: new Date() });
  });

  app.get('/people/:id/philomena/photo', async (req, reply) => {
    const photo = await svc.missing.photo(req.actor!, (req.params as { id: string }).id);
    return reply.type(photo.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline').send(photo.data);
  });

  const editPage = async (reply: FastifyReply, actor: Actor, personId: string, form: FormBody | null, errors?: FieldError[]) => {
    const p = await svc.missing.profile(actor, personId);
    const v = form ?? (p.profile as unknown as FormBody) ?? {};
    return reply.status(errors ? 422 : 200).render('philomena-edit.njk', { pageTitle: `Edit Philomena Protocol profile: ${p.person.name}`, errors, p, v, maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
  };

  app.get('/people/:id/philomena/edit', async (req, reply) => {
    requireScope(req.actor!, 'missing', 'update');
    return editPage(reply, req.actor!, (req.params as { id: string }).id, null);
  });

  // The edit form is multipart (it carries the photo). Parsed here, in this route's own scope, with a size limit.
  app.register(async (scoped) => {
    scoped.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES + 256 * 1024 }, (req, body, done) => {
      try {
        done(null, parseMultipart(body as Buffer, String(req.headers['content-type'])));
      } catch (err) {
        done(err as Error);
      }
    });
    scoped.post('/people/:id/philomena/edit', { preHandler: scoped.csrfProtection }, async (req, reply) => {
      const actor = req.actor!;
      requireScope(actor, 'missing', 'update');
      const personId = (req.params as { id: string }).id;
      const form = req.body as FormBody & { photo?: { data: Buffer; type: string } };
      const upload = form.photo && typeof form.photo === 'object' && form.photo.data.length > 0 ? form.photo : null;
      const fields: FormBody = Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'photo')) as FormBody;
      try {
        const photo = upload ? { data: upload.data, type: imageType(upload.data) ?? upload.type } : null;
        await svc.missing.saveProfile(actor, personId, fields, photo);
        return reply.redirect(`${paths.philomena(personId)}?saved=1`, 303);
      } catch (err) {
        if (err instanceof ValidationProblem) return editPage(reply, actor, personId, fields, err.errors);
        throw err;
      }
    });
  });
}

/** A minimal multipart/form-data reader: text fields as strings, a file field as {data, type}. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string | { data: Buffer; type: string }> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw Object.assign(new Error('Missing multipart boundary'), { statusCode: 400 });
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const out: Record<string, string | { data: Buffer; type: string }> = {};
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start + 2, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd);
    if (next === -1) break;
    const content = body.subarray(headerEnd + 4, next - 2); // drop the CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers);
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
    if (name) out[name] = filename ? { data: Buffer.from(content), type } : content.toString('utf8');
    pos = next;
  }
  return out;
}
