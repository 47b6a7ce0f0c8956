// Awareness: sessions (who was reached, where, in which language), campaigns grouping them, the register of
// organisations to reach, and evaluation responses with "% whose knowledge and skills improved" and its count.
import { notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import * as awareness from '../awareness/store.ts';
import { improvement, REACH_STATUSES } from '../domain.ts';
import { CampaignBody, EvaluationInput, IdInput, SessionBody } from '../schemas.ts';
import * as store from '../store.ts';

const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export const awarenessOverview = useCase({
  name: 'training.awareness',
  permission: ['training', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [sessions, campaigns, register, orgs] = await Promise.all([
      awareness.sessions(db, actor.partnershipId),
      awareness.campaigns(db, actor.partnershipId),
      awareness.registerCounts(db, actor.partnershipId),
      store.orgs(db, actor.partnershipId, true),
    ]);
    const evaluated = sessions.reduce((s, x) => ({ responses: s.responses + x.responses, improved: s.improved + x.improved }), { responses: 0, improved: 0 });
    return {
      sessions,
      campaigns: campaigns.map((c) => {
        const own = sessions.filter((s) => s.campaign_id === c.id);
        return { ...c, sessions: own.length, reached: own.reduce((s, x) => s + x.reached, 0) };
      }),
      register: orgs,
      registerByStatus: REACH_STATUSES.map((status) => ({ status, n: register.filter((r) => r.reach_status === status).reduce((s, r) => s + r.n, 0) })),
      registerByKind: register,
      evaluation: { ...evaluated, percentImproved: evaluated.responses ? Math.round((evaluated.improved / evaluated.responses) * 1000) / 10 : 0 },
    };
  },
  audit: { none: 'sessions, campaigns and organisations: no one named' },
});

export const createCampaign = useCase({
  name: 'training.createCampaign',
  permission: ['training', 'create'],
  input: CampaignBody,
  async run({ db, actor }, c) {
    const name = c.name.trim();
    const errors = [];
    if (await awareness.campaignNamed(db, actor.partnershipId, name)) errors.push({ field: 'name', message: 'There is already a campaign with this name' });
    if (c.startsOn && c.endsOn && c.endsOn < c.startsOn) errors.push({ field: 'endsOn', message: 'The end date must be on or after the start date' });
    if (errors.length) throw new ValidationProblem(errors);
    const languages = [...new Set((c.languages ?? []).map((l) => l.trim()).filter(Boolean))];
    const id = await awareness.insertCampaign(db, actor.partnershipId, {
      name,
      description: clean(c.description),
      languages,
      startsOn: c.startsOn ?? null,
      endsOn: c.endsOn ?? null,
    });
    return { id, name, languages };
  },
  audit: { change: 'training_campaign.created', subject: (c) => ({ type: 'training_campaign', id: c.id, details: { name: c.name, languages: c.languages } }) },
});

export const recordSession = useCase({
  name: 'training.recordSession',
  permission: ['training', 'create'],
  input: SessionBody,
  async run({ db, actor }, s) {
    const errors = [];
    if (s.organisationId && !(await store.findOrg(db, actor.partnershipId, s.organisationId)))
      errors.push({ field: 'organisationId', message: 'Choose an organisation' });
    if (s.campaignId && !(await awareness.findCampaign(db, actor.partnershipId, s.campaignId)))
      errors.push({ field: 'campaignId', message: 'Choose a campaign' });
    if (errors.length) throw new ValidationProblem(errors);
    const [id] = await awareness.insertSessions(db, actor.partnershipId, [
      {
        heldOn: s.heldOn,
        title: s.title.trim(),
        audience: s.audience,
        orgId: s.organisationId ?? null,
        campaignId: s.campaignId ?? null,
        reached: s.reached,
        language: clean(s.language) ?? 'English',
      },
    ]);
    return { id, heldOn: s.heldOn, audience: s.audience, reached: s.reached };
  },
  audit: {
    change: 'training_session.recorded',
    subject: (s) => ({ type: 'training_session', id: s.id, details: { audience: s.audience, reached: s.reached } }),
  },
});

export const getSession = useCase({
  name: 'training.session',
  permission: ['training', 'read'],
  input: IdInput,
  async run({ db, actor }, { id }) {
    const [s] = await awareness.sessions(db, actor.partnershipId, { id });
    if (!s) throw notFound('The session');
    return {
      ...s,
      evaluation: { responses: s.responses, improved: s.improved, percentImproved: s.responses ? Math.round((s.improved / s.responses) * 1000) / 10 : 0 },
    };
  },
  audit: { none: 'an awareness session: no one named' },
});

/** Evaluation responses for a session or a course: before and after ratings, one pair per respondent. */
export const recordEvaluation = useCase({
  name: 'training.recordEvaluation',
  permission: ['training', 'create'],
  input: EvaluationInput,
  async run({ db, actor }, e) {
    if (!e.sessionId === !e.courseId) throw new ValidationProblem([{ field: 'sessionId', message: 'Choose a session or a course' }]);
    if (e.sessionId && (await awareness.sessions(db, actor.partnershipId, { id: e.sessionId })).length === 0) throw notFound('The session');
    if (e.courseId && !(await store.findCourse(db, actor.partnershipId, e.courseId))) throw notFound('The course');
    await awareness.insertEvaluations(db, actor.partnershipId, { sessionId: e.sessionId ?? null, courseId: e.courseId ?? null }, e.responses);
    return { sessionId: e.sessionId ?? null, courseId: e.courseId ?? null, ...improvement(e.responses) };
  },
  audit: {
    change: 'training_evaluation.recorded',
    subject: (r) => ({
      type: r.sessionId ? 'training_session' : 'training_course',
      id: r.sessionId ?? r.courseId,
      details: { responses: r.responses, improved: r.improved },
    }),
  },
});
