// Multi-agency case audits (issue 13.7): templates of questions, rounds that draw a sample of children's cases by a
// recorded rule and seed, the list of both. The round's pages and answers are in rounds.ts, its report in report.ts.
// Templates and the list name no child (audit none); a round's sample is person-level (read in rounds.ts).
import { randomInt, randomUUID } from 'node:crypto';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { formatDate, ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type Candidate, drawSample, explainSample, periodYearOk } from './domain.ts';
import { RoundInput, TemplateInput } from './schemas.ts';
import * as store from './store.ts';
import { statusLabel } from './view.ts';

const day = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : ukDate(d));

/** Templates and rounds with their totals: names and counts, no child. */
export const listCaseAudits = useCase({
  name: 'case_audits.list',
  permission: ['case_audit_report', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const [templates, rounds] = await Promise.all([store.listTemplates(db, actor.partnershipId), store.listRounds(db, actor.partnershipId)]);
    return {
      templates: templates.map((t) => ({ id: t.id, name: t.name, theme: t.theme, questions: Number(t.questions) })),
      rounds: rounds.map((r) => {
        const cases = Number(r.cases);
        const expected = cases * Number(r.agencies) * Number(r.questions);
        return {
          id: r.id,
          name: r.name,
          template: { id: r.template_id, name: r.template_name },
          status: r.status as 'open' | 'completed',
          statusLabel: statusLabel(r.status),
          period: { from: r.period_from, to: r.period_to },
          totals: { cases, agencies: Number(r.agencies), questions: Number(r.questions), answers: Number(r.answers), expected, findings: Number(r.findings) },
        };
      }),
    };
  },
  audit: { none: 'template names and each round’s counts: no child is named' },
});

export const createTemplate = useCase({
  name: 'case_audits.create_template',
  permission: ['case_audit', 'create'],
  input: TemplateInput,
  async run({ db, actor, now }, input) {
    const name = input.name.trim();
    const questions = input.questions.map((q) => q.trim());
    const errors = [
      ...((await store.templateNamed(db, actor.partnershipId, name))
        ? [{ field: 'name', message: 'A template with this name already exists: choose another name' }]
        : []),
      ...questions.flatMap((q, i) => (q ? [] : [{ field: `questions[${i}]`, message: 'Enter the question' }])),
    ];
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertTemplate(
      db,
      { partnership_id: actor.partnershipId, id, name, theme: input.theme.trim(), created_by: actor.userId, created_at: now },
      questions,
    );
    return { id, name, theme: input.theme.trim(), questions: questions.map((text, i) => ({ number: i + 1, text })) };
  },
  audit: {
    change: 'case_audit_template.created',
    subject: (t) => ({ type: 'case_audit_template', id: t.id, details: { name: t.name, questions: t.questions.length } }),
  },
});

const candidate = (c: Awaited<ReturnType<typeof store.samplingCandidates>>[number]): Candidate => ({
  caseId: c.id,
  personId: c.person_id,
  riskLevel: c.risk_level,
  category: c.category,
  openedOn: day(c.opened_at) ?? '',
  closedOn: day(c.closed_at),
});

/**
 * A round: the template, the period, the rule (sample size, risk levels, categories), the agencies taking part. The
 * sample is drawn here with the seed given or a random one, which is kept, so anyone can draw it again.
 */
export const createRound = useCase({
  name: 'case_audits.create_round',
  permission: ['case_audit', 'create'],
  input: RoundInput,
  async run({ db, actor, now }, input) {
    const p = actor.partnershipId;
    const name = input.name.trim();
    // In the form's order, so the error summary lists them as the page does.
    const errors = [];
    if (!(await store.templateById(db, p, input.templateId))) errors.push({ field: 'templateId', message: 'Select the audit template' });
    if (await store.roundNamed(db, p, name)) errors.push({ field: 'name', message: 'An audit round with this name already exists: choose another name' });
    if (!periodYearOk(input.from)) errors.push({ field: 'from', message: 'The start of the period must be a date from 2000 to 2100' });
    if (!periodYearOk(input.to)) errors.push({ field: 'to', message: 'The end of the period must be a date from 2000 to 2100' });
    else if (input.to < input.from) errors.push({ field: 'to', message: 'The end of the period must be on or after its start' });
    const active = new Set((await store.activeAgencies(db, p)).map((a) => a.id));
    if (input.agencyIds.some((a) => !active.has(a))) errors.push({ field: 'agencyIds', message: 'Select agencies of the partnership' });
    if (errors.length) throw new ValidationProblem(errors);
    const rule = {
      from: input.from,
      to: input.to,
      size: input.sampleSize,
      riskLevels: input.riskLevels ?? [],
      categories: input.categories ?? [],
      seed: input.seed ?? randomInt(1, 1_000_000),
    };
    const { population, sample } = drawSample((await store.samplingCandidates(db, p)).map(candidate), rule);
    if (!sample.length)
      throw new ValidationProblem([
        { field: 'sampleSize', message: 'No case open in the period matches the rule: widen the period, risk levels or categories' },
      ]);
    const id = randomUUID();
    await store.insertRound(
      db,
      {
        partnership_id: p,
        id,
        template_id: input.templateId,
        name,
        period_from: rule.from,
        period_to: rule.to,
        risk_levels: [...rule.riskLevels],
        categories: [...rule.categories],
        sample_size: rule.size,
        seed: rule.seed,
        population,
        created_by: actor.userId,
        created_at: now,
      },
      input.agencyIds,
      sample.map((c, i) => ({ id: randomUUID(), number: i + 1, caseId: c.caseId, personId: c.personId })),
    );
    return {
      id,
      name,
      templateId: input.templateId,
      status: 'open' as const,
      sample: { drawn: sample.length, population, seed: rule.seed, explanation: explainSample(rule, population, sample.length, formatDate) },
    };
  },
  audit: {
    change: 'case_audit_round.created',
    subject: (r, i) => ({
      type: 'case_audit_round',
      id: r.id,
      details: { name: r.name, templateId: r.templateId, from: i.from, to: i.to, drawn: r.sample.drawn, population: r.sample.population, seed: r.sample.seed },
    }),
  },
});

/** What a new round is made from: the templates and the partnership's active agencies (reference data). */
export const roundChoices = useCase({
  name: 'case_audits.round_choices',
  permission: ['case_audit', 'create'],
  input: undefined,
  async run({ db, actor }) {
    const [templates, agencies] = await Promise.all([store.listTemplates(db, actor.partnershipId), store.activeAgencies(db, actor.partnershipId)]);
    return { templates: templates.map((t) => ({ id: t.id, name: t.name, questions: Number(t.questions) })), agencies };
  },
  audit: { none: 'reference data: template and agency names' },
});
