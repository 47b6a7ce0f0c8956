// Screening a referral with the partnership's toolkit: the suggested level, the indicators that drove it, the
// practitioner's judgement, and the history of re-screens. Installing a partnership's own toolkit version.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { claimRetryKey } from '../../platform/idempotency/retry.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { referralInScope } from '../referrals/use-cases.ts';
import { type Answer, applyOverride, audienceOn, rescreenDueDate, scoreScreening, type Toolkit, validateAnswers, validateToolkit } from './domain.ts';
import { ReferralRef, ScreenReferralInput, ToolkitSchema } from './schemas.ts';
import * as store from './store.ts';
import { type ScreeningView, toView } from './view.ts';

export type { ScreeningView } from './view.ts';

/** The latest screening level of each referral, for the triage queue (takes the transaction). */
export const latestLevels = (db: Db, partnershipId: string, referralIds: string[]) => store.latestLevels(db, partnershipId, referralIds);

/** The child or the adult toolkit, by the subject's age on the day of screening. */
async function toolkitFor(db: Db, partnershipId: string, personId: string, day: string) {
  return store.activeToolkit(db, partnershipId, audienceOn(await store.subjectDateOfBirth(db, partnershipId, personId), day));
}

/** The toolkit to answer for a referral the actor may screen. */
export const screeningForm = useCase({
  name: 'screening.form',
  permission: ['screening', 'create'],
  input: ReferralRef,
  async run({ db, actor, now }, { id }) {
    const referral = await referralInScope(db, actor, id, 'screening', 'create');
    return {
      referral: { id: referral.id, reference: referral.reference },
      toolkit: await toolkitFor(db, actor.partnershipId, referral.person_id, ukDate(now)),
    };
  },
  audit: { none: 'the toolkit’s questions and the referral’s reference: nothing about the child' },
});

/**
 * Screens a referral. With an idempotency key a retry of the same request returns the first screening
 * (created: false); the same key with a different request is refused.
 */
export const screenReferral = useCase({
  name: 'screening.screen',
  permission: ['screening', 'create'],
  input: ScreenReferralInput,
  async run({ db, actor, now }, { idempotencyKey, ...input }): Promise<{ screening: ScreeningView; personId: string; created: boolean }> {
    const referral = await referralInScope(db, actor, input.referralId, 'screening', 'create');
    const toolkit = await toolkitFor(db, actor.partnershipId, referral.person_id, ukDate(now));
    const errors = validateAnswers(toolkit, input.answers);
    if (errors.length) throw new ValidationProblem(errors);
    const result = scoreScreening(toolkit, input.answers as Record<string, Answer>);
    const judged = applyOverride(result.band, input.overrideLevel, input.overrideReason);
    if (!judged.ok) throw new ValidationProblem(judged.errors);
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, idempotencyKey, id, input);
      if (earlier) {
        const row = await store.findScreening(db, actor.partnershipId, earlier);
        if (!row) throw notFound('The screening');
        return { screening: toView(row, now), personId: referral.person_id, created: false };
      }
    }
    await store.insertScreening(db, {
      partnership_id: actor.partnershipId,
      id,
      referral_id: referral.id,
      person_id: referral.person_id,
      toolkit_id: toolkit.id,
      toolkit_version: toolkit.version,
      answers: JSON.stringify(Object.fromEntries(Object.entries(input.answers).filter(([, v]) => v))),
      score: result.score,
      suggested_level: result.band,
      drivers: JSON.stringify(result.drivers.map(({ key, label, group, answer, points }) => ({ key, label, group, answer, points }))),
      forced_by: JSON.stringify(result.forcedBy.map(({ key, label, answer }) => ({ key, label, answer }))),
      level: judged.level,
      override_reason: judged.overridden ? judged.reason : null,
      screened_by: actor.userId,
      screened_by_agency_id: actor.agencyId,
      screened_at: now,
      rescreen_due: rescreenDueDate(now),
    });
    const row = await store.findScreening(db, actor.partnershipId, id);
    if (!row) throw notFound('The screening');
    return { screening: toView(row, now), personId: referral.person_id, created: true };
  },
  audit: {
    change: 'screening.created',
    subject: ({ screening: s, personId, created }) =>
      created
        ? { type: 'screening', id: s.id, personId, details: { referralId: s.referralId, score: s.score, suggested: s.suggestedLevel, level: s.level } }
        : null,
  },
});

/** A referral's screenings, newest first (the history of re-screens). */
export const screeningHistory = useCase({
  name: 'screening.history',
  permission: ['screening', 'read'],
  input: ReferralRef,
  async run({ db, actor, now }, { id }) {
    const referral = await referralInScope(db, actor, id, 'screening', 'read');
    const rows = await store.screeningsFor(db, actor.partnershipId, referral.id);
    return { referralId: referral.id, personId: referral.person_id, screenings: rows.map((r) => toView(r, now)) };
  },
  audit: { read: 'screening.viewed', subject: (h) => ({ type: 'referral', id: h.referralId, personId: h.personId, details: { count: h.screenings.length } }) },
});

/** Installs a toolkit version (a partnership's own regionally agreed tool); new screenings use it. */
export const installToolkit = useCase({
  name: 'screening.installToolkit',
  permission: ['screening', 'manage'],
  input: ToolkitSchema,
  async run({ db, actor }, candidate): Promise<Toolkit> {
    const toolkit = candidate as unknown as Toolkit;
    const problems = validateToolkit(toolkit);
    if (problems.length) throw new ValidationProblem(problems.map((message) => ({ field: 'toolkit', message })));
    if (await store.toolkitVersion(db, actor.partnershipId, toolkit.id, toolkit.version)) {
      throw new ValidationProblem([
        { field: 'toolkit', message: `Version ${toolkit.version} of ${toolkit.id} is installed already: give the new toolkit a higher version` },
      ]);
    }
    await store.insertToolkit(db, actor.partnershipId, toolkit);
    return toolkit;
  },
  audit: { change: 'screening_toolkit.installed', subject: (t) => ({ type: 'screening_toolkit', id: `${t.id}@${t.version}`, details: { name: t.name } }) },
});
