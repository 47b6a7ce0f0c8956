// The triage meeting's minutes: a day's decisions as a table (printable, CSV and HTML copies) and the hub
// coordinator's correction form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may } from '../../../platform/access/rules.ts';
import { type FormBody, one } from '../../../platform/http/forms.ts';
import { type FieldError, forbidden, isUuid, notFound, Problem } from '../../../platform/http/problems.ts';
import { addDays, isIsoDate, ukDate } from '../../../platform/time.ts';
import { TRIAGE_CATEGORIES, TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS, TRIAGE_OUTCOMES } from '../vocab.ts';
import { triageMinutesCsv } from './export.ts';
import { correctTriageDecision, type TriageMeetingDay, triageMeetingDay } from './use-cases.ts';

const dayOf = (req: FastifyRequest) => {
  const { date } = req.params as { date: string };
  if (!isIsoDate(date)) throw notFound('The meeting');
  return date;
};

const mayCorrect = (req: FastifyRequest) => may(req.actor!, 'triage', 'manage');

export function triageMeetingWeb(app: FastifyInstance) {
  app.get('/triage/meetings', { config: { why: 'a redirect to today’s minutes' } }, async (req, reply) => {
    if (!may(req.actor!, 'triage', 'read')) throw forbidden('Your role may not see triage meetings');
    return reply.redirect(`/triage/meetings/${ukDate(new Date())}`);
  });

  const render = (reply: FastifyReply, m: TriageMeetingDay, extra: Record<string, unknown> = {}) =>
    reply.render('triage-meeting-day.njk', {
      pageTitle: `Triage meeting minutes, ${m.day}`,
      day: m.day,
      previousDay: addDays(m.day, -1),
      nextDay: addDays(m.day, 1),
      decisions: m.decisions,
      ...extra,
    });

  const read = { config: { useCases: [triageMeetingDay] } };
  app.get('/triage/meetings/:date', read, async (req, reply) =>
    render(reply, await req.run(triageMeetingDay, { day: dayOf(req) }), { mayCorrect: mayCorrect(req) }),
  );
  app.get('/triage/meetings/:date/print', read, async (req, reply) =>
    render(reply, await req.run(triageMeetingDay, { day: dayOf(req) }), { exported: true, print: true }),
  );
  app.get('/triage/meetings/:date/minutes.html', read, async (req, reply) => {
    const m = await req.run(triageMeetingDay, { day: dayOf(req) });
    reply.header('content-disposition', `attachment; filename="triage-minutes-${m.day}.html"`);
    return render(reply, m, { exported: true });
  });
  app.get('/triage/meetings/:date/minutes.csv', read, async (req, reply) => {
    const m = await req.run(triageMeetingDay, { day: dayOf(req) });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="triage-minutes-${m.day}.csv"`)
      .send(triageMinutesCsv(m.day, m.decisions));
  });

  const correctionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormBody | null, errors?: FieldError[], status = 200) => {
    if (!mayCorrect(req)) throw forbidden('Only the hub coordinator corrects triage decisions');
    const { id } = req.params as { id: string };
    if (!isUuid(id)) throw notFound('The decision');
    const m = await req.run(triageMeetingDay, { day: dayOf(req) });
    const d = m.decisions.find((x) => x.id === id);
    if (!d) throw notFound('The decision');
    const outcome = form ? one(form.outcome) : d.outcome;
    const category = form ? one(form.category) : d.category;
    return reply.status(status).render('triage-correct.njk', {
      pageTitle: `Correct the decision on ${d.personName}`,
      day: m.day,
      d,
      form: form ?? { rationale: d.rationale },
      errors,
      outcomes: TRIAGE_OUTCOMES.map((o) => ({ value: o, text: TRIAGE_OUTCOME_LABELS[o], checked: o === outcome })),
      categories: TRIAGE_CATEGORIES.map((c) => ({ value: c, text: TRIAGE_CATEGORY_LABELS[c], selected: c === category })),
    });
  };

  app.get('/triage/meetings/:date/decisions/:id/correct', read, async (req, reply) => correctionPage(req, reply, null));
  app.post(
    '/triage/meetings/:date/decisions/:id/correct',
    { preHandler: app.csrfProtection, config: { useCases: [triageMeetingDay, correctTriageDecision] } },
    async (req, reply) => {
      if (!mayCorrect(req)) throw forbidden('Only the hub coordinator corrects triage decisions');
      const day = dayOf(req);
      const { id } = req.params as { id: string };
      if (!isUuid(id)) throw notFound('The decision');
      const form = req.body as FormBody;
      const given = Object.fromEntries(
        (['outcome', 'category', 'rationale', 'reason'] as const)
          .map((k) => [k, one(form[k])])
          .filter(([k, v]) => v !== '' || k === 'rationale' || k === 'reason'),
      );
      try {
        await req.run(correctTriageDecision, { id, ...given, version: Number(one(form.version)) || 0 } as never);
      } catch (err) {
        if (err instanceof Problem && err.errors?.length && (err.status === 422 || err.status === 409))
          return correctionPage(req, reply, form, err.errors, err.status);
        throw err;
      }
      await reply.flash({ heading: 'Decision corrected', qa: 'decision-corrected' });
      return reply.redirect(`/triage/meetings/${day}#decision-${id}`, 303);
    },
  );
}
