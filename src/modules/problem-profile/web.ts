// The problem profile page (/reports/problem-profile?from=..&to=..), printable, and its Word file. Dates come as
// YYYY-MM-DD or from the GOV.UK date inputs; the default is the last whole quarter (whole months that have ended are
// what published figures allow).
import type { FastifyInstance } from 'fastify';
import { type FormBody, readPeriod } from '../../platform/http/forms.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { lastWholeQuarter } from '../reports/domain.ts';
import { periodControls } from '../reports/view.ts';
import { docxFileName, profileDocx } from './docx.ts';
import { problemProfile } from './use-cases.ts';
import { tableLines } from './view.ts';

export const problemProfilePath = (from?: string, to?: string, ext = '') =>
  `/reports/problem-profile${ext}${from && to ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : ''}`;

export function problemProfileWeb(app: FastifyInstance) {
  const config = { config: { useCases: [problemProfile] } };

  app.get('/reports/problem-profile', config, async (req, reply) => {
    const query = req.query as FormBody;
    const q = readPeriod(query);
    const today = ukDate(new Date());
    const fallback = lastWholeQuarter(today);
    const from = q.from ?? fallback.from;
    const to = q.to ?? fallback.to;
    const page = {
      pageTitle: 'Problem profile',
      from,
      to,
      // Typed parts re-shown as typed when a date could not be read.
      fromParts: q.errors.some((e) => e.field === 'from') ? { day: query['from-day'], month: query['from-month'], year: query['from-year'] } : null,
      toParts: q.errors.some((e) => e.field === 'to') ? { day: query['to-day'], month: query['to-month'], year: query['to-year'] } : null,
      quarters: periodControls({ from, to }, today, true).quarters,
      action: problemProfilePath(),
    };
    try {
      if (q.errors.length) throw new ValidationProblem(q.errors);
      const profile = await req.run(problemProfile, { from, to });
      const sections = profile.sections.map((s) => ({ ...s, tables: s.tables.map((t) => ({ ...t, lines: tableLines(t) })) }));
      return reply.render('problem-profile.njk', { ...page, profile, sections, docx: problemProfilePath(from, to, '.docx') });
    } catch (err) {
      if (err instanceof ValidationProblem) return reply.status(422).render('problem-profile.njk', { ...page, errors: err.errors });
      throw err;
    }
  });

  app.get('/reports/problem-profile.docx', config, async (req, reply) => {
    const q = req.query as { from?: string; to?: string };
    const profile = await req.run(problemProfile, { from: q.from, to: q.to });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${docxFileName(profile)}"`)
      .send(await profileDocx(profile));
  });
}
