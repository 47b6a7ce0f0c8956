// Flag pages: the child's flags (/people/:id/flags) with "Flag as at risk of exploitation" and "End the flag", and
// the page an API-only account (role flag_lookup) lands on after signing in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FormBody, one } from '../../platform/http/forms.ts';
import { type FieldError, isUuid, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { frameUseCases, loadPersonFrame } from '../cases/frame.ts';
import { endFlag, personFlags, setFlag } from './use-cases.ts';

export const API_ONLY_PATH = '/account/api-only';

const uuid = (v: string, what: string) => {
  if (!isUuid(v)) throw notFound(what);
  return v;
};
const opt = (v: string) => (v.trim() ? v.trim() : undefined);
const FIELDS = ['from', 'until', 'contactName', 'contactPhone', 'contactEmail', 'contactAgency'] as const;

export function flagsWeb(app: FastifyInstance) {
  app.get(API_ONLY_PATH, { config: { why: 'a fixed page: the account is for a partner system’s API token, it has no pages' } }, async (_req, reply) =>
    reply.render('flags-api-only.njk', { pageTitle: 'This is an API-only account' }),
  );

  const page = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldError[], form: FormBody = {}) => {
    const id = uuid((req.params as { id: string }).id, 'The person');
    const { frame } = await loadPersonFrame(req, id, 'flags');
    const flags = await req.run(personFlags, { personId: id });
    return reply.status(errors ? 422 : 200).render('flags-person.njk', {
      pageTitle: `Flags for ${frame.name}`,
      frame,
      ...flags,
      errors,
      form: { from: ukDate(new Date()), ...Object.fromEntries(FIELDS.map((k) => [k, one(form[k])]).filter(([, v]) => v !== '')) },
    });
  };
  const useCases = [...frameUseCases, personFlags];
  app.get('/people/:id/flags', { config: { useCases } }, (req, reply) => page(req, reply));
  app.post('/people/:id/flags', { preHandler: app.csrfProtection, config: { useCases: [setFlag, ...useCases] } }, async (req, reply) => {
    const id = uuid((req.params as { id: string }).id, 'The person');
    const f = req.body as FormBody;
    const input = Object.fromEntries(FIELDS.map((k) => [k, opt(one(f[k]))]).filter(([, v]) => v !== undefined));
    try {
      await req.run(setFlag, { personId: id, ...input });
      await reply.flash('Flagged as at risk of exploitation');
      return reply.redirect(`/people/${id}/flags`, 303);
    } catch (err) {
      if (err instanceof ValidationProblem) return page(req, reply, err.errors, f);
      throw err;
    }
  });
  app.post('/people/:id/flags/:flagId/end', { preHandler: app.csrfProtection, config: { useCases: [endFlag] } }, async (req, reply) => {
    const p = req.params as { id: string; flagId: string };
    const id = uuid(p.id, 'The person');
    await req.run(endFlag, { personId: id, flagId: uuid(p.flagId, 'The flag') });
    await reply.flash('The flag has ended');
    return reply.redirect(`/people/${id}/flags`, 303);
  });
}
