// Retention pages: /governance/retention (the schedule for the partnership admin and information governance; the
// review queue, legal holds and what was deleted for information governance) and the form changing one period.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../platform/access/rules.ts';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { isRecordType } from './domain.ts';
import { decideReview, getQueue, getSchedule, listHolds, placeHold, releaseHold, setSchedule } from './use-cases.ts';

const PATH = '/governance/retention';

interface Shown {
  errors?: FieldError[];
  /** The form that was refused, as typed: which row, and its values. */
  form?: Record<string, string>;
}

async function page(req: FastifyRequest, reply: FastifyReply, shown: Shown = {}) {
  const schedule = await req.run(getSchedule, undefined);
  const governs = may(req.actor!, 'retention', 'read');
  const [queue, holds] = governs ? await Promise.all([req.run(getQueue, undefined), req.run(listHolds, undefined)]) : [null, null];
  return reply.status(shown.errors ? 422 : 200).render('retention.njk', {
    pageTitle: 'Retention',
    path: PATH,
    schedule,
    mayChange: may(req.actor!, 'retention_schedule', 'manage'),
    queue,
    holds,
    errors: shown.errors,
    form: shown.form ?? {},
  });
}

/** Field errors named after the row's fields, so the error summary links to the right form. */
const forRow = (errors: FieldError[], id: string) => errors.map((e) => ({ ...e, field: `${e.field}-${id}` }));

export function retentionWeb(app: FastifyInstance) {
  app.get(PATH, { config: { useCases: [getSchedule, getQueue, listHolds] } }, (req, reply) => page(req, reply));

  app.post(
    `${PATH}/queue/:id`,
    { preHandler: app.csrfProtection, config: { useCases: [decideReview, getSchedule, getQueue, listHolds] } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!isUuid(id)) throw notFound('The record for review');
      const body = req.body as FormBody;
      const decision = one(body.decision);
      const reason = one(body.reason);
      try {
        const r = await req.run(decideReview, { id, decision: decision as 'approve', reason });
        const said = { deleted: 'Deleted: a tombstone records it', reviewed: 'Marked as reviewed and kept', deferred: 'Deferred for 12 months' };
        await reply.flash(said[r.outcome]);
      } catch (err) {
        if (err instanceof ValidationProblem) return page(req, reply, { errors: forRow(err.errors, id), form: { row: id, decision, reason } });
        throw err;
      }
      return reply.redirect(PATH, 303);
    },
  );

  app.post(`${PATH}/holds`, { preHandler: app.csrfProtection, config: { useCases: [placeHold, getSchedule, getQueue, listHolds] } }, async (req, reply) => {
    const body = req.body as FormBody;
    const personId = one(body.personId).trim();
    const reason = one(body.reason);
    try {
      if (personId && !isUuid(personId))
        throw new ValidationProblem([{ field: 'personId', message: 'Enter the person’s id, as in the address of their page' }]);
      await req.run(placeHold, { personId: personId || undefined, reason });
      await reply.flash('Legal hold placed: nothing about this person will be listed for deletion while it stands');
    } catch (err) {
      if (err instanceof ValidationProblem)
        return page(req, reply, { errors: err.errors.map((e) => ({ ...e, field: `hold-${e.field}` })), form: { holdPersonId: personId, holdReason: reason } });
      throw err;
    }
    return reply.redirect(PATH, 303);
  });

  app.post(`${PATH}/holds/:id/release`, { preHandler: app.csrfProtection, config: { useCases: [releaseHold] } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The legal hold');
    await req.run(releaseHold, { id });
    await reply.flash('Legal hold released');
    return reply.redirect(PATH, 303);
  });

  const editPage = async (req: FastifyRequest, reply: FastifyReply, recordType: string, errors?: FieldError[], form?: Record<string, string>) => {
    const entry = (await req.run(getSchedule, undefined)).find((e) => e.recordType === recordType);
    if (!entry) throw notFound('The record type');
    return reply.status(errors ? 422 : 200).render('retention-schedule.njk', {
      pageTitle: `Retention: ${entry.label}`,
      path: `${PATH}/schedule/${recordType}`,
      back: PATH,
      entry,
      form: form ?? { years: String(entry.years), untilAge: entry.untilAge === null ? '' : String(entry.untilAge) },
      errors,
    });
  };
  app.get(`${PATH}/schedule/:recordType`, { config: { useCases: [getSchedule] } }, async (req, reply) =>
    editPage(req, reply, (req.params as { recordType: string }).recordType),
  );
  app.post(`${PATH}/schedule/:recordType`, { preHandler: app.csrfProtection, config: { useCases: [setSchedule, getSchedule] } }, async (req, reply) => {
    const { recordType } = req.params as { recordType: string };
    if (!isRecordType(recordType)) throw notFound('The record type');
    const body = req.body as FormBody;
    const form = { years: one(body.years).trim(), untilAge: one(body.untilAge).trim() };
    try {
      const errors: FieldError[] = [];
      if (!/^\d+$/.test(form.years)) errors.push({ field: 'years', message: 'Enter the number of years, from 1 to 100' });
      if (form.untilAge && !/^\d+$/.test(form.untilAge))
        errors.push({ field: 'untilAge', message: 'Enter the age as a whole number from 18 to 100, or leave it empty' });
      if (errors.length) throw new ValidationProblem(errors);
      const r = await req.run(setSchedule, { recordType, years: Number(form.years), untilAge: form.untilAge ? Number(form.untilAge) : null });
      if (r.changed) await reply.flash(`${r.entry.label}: the period is saved`);
    } catch (err) {
      if (err instanceof ValidationProblem) return editPage(req, reply, recordType, err.errors, form);
      throw err;
    }
    return reply.redirect(PATH, 303);
  });
}
