// Screening a referral with the partnership's toolkit: the suggested level, the indicators that drove it, the
// practitioner's judgement, and the history of re-screens.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import { ukDate } from '../../platform/time.ts';
import type { Db } from '../../platform/db/connect.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { claimIdempotencyKey } from '../referrals/store.ts';
import { referralInScope } from '../referrals/service.ts';
import {
  ANSWER_LABELS,
  applyOverride,
  type Answer,
  INDICATOR_GROUP_LABELS,
  isRescreenOverdue,
  rescreenDueDate,
  SCREENING_LEVEL_LABELS,
  type ScreeningLevel,
  scoreScreening,
  type Toolkit,
  validateAnswers,
} from './domain.ts';
import * as store from './store.ts';
import { toolkitProblems } from './toolkit-schema.ts';

export interface ScreeningInput {
  answers?: Record<string, unknown>;
  overrideLevel?: string | null;
  overrideReason?: string | null;
}

export interface ScreeningView {
  id: string;
  referralId: string;
  toolkit: { id: string; version: number };
  score: number;
  suggestedLevel: ScreeningLevel;
  suggestedLevelLabel: string;
  level: ScreeningLevel;
  levelLabel: string;
  overridden: boolean;
  overrideReason: string | null;
  drivers: { key: string; label: string; group: string; answer: string; answerLabel: string; points: number }[];
  forcedBy: { key: string; label: string; answer: string }[];
  screenedAt: Date;
  screenedBy: string | null;
  screenedByAgency: string | null;
  rescreenDue: string;
  rescreenOverdue: boolean;
}

type Row = Awaited<ReturnType<typeof store.screeningsFor>>[number];

function toView(r: Row): ScreeningView {
  const drivers = r.drivers as ScreeningView['drivers'];
  return {
    id: r.id,
    referralId: r.referral_id,
    toolkit: { id: r.toolkit_id, version: r.toolkit_version },
    score: r.score,
    suggestedLevel: r.suggested_level as ScreeningLevel,
    suggestedLevelLabel: SCREENING_LEVEL_LABELS[r.suggested_level as ScreeningLevel],
    level: r.level as ScreeningLevel,
    levelLabel: SCREENING_LEVEL_LABELS[r.level as ScreeningLevel],
    overridden: r.level !== r.suggested_level,
    overrideReason: r.override_reason,
    drivers: drivers.map((d) => ({ ...d, answerLabel: ANSWER_LABELS[d.answer as Answer] ?? d.answer })),
    forcedBy: r.forced_by as ScreeningView['forcedBy'],
    screenedAt: new Date(r.screened_at),
    screenedBy: r.screened_by_name,
    screenedByAgency: r.screened_by_agency,
    rescreenDue: r.rescreen_due,
    rescreenOverdue: isRescreenOverdue(new Date(r.screened_at), ukDate(new Date())),
  };
}

/** The toolkit as a form: groups of questions, each with the four answers. */
export function toolkitForm(toolkit: Toolkit) {
  const groups = Object.entries(INDICATOR_GROUP_LABELS).map(([group, label]) => ({
    group,
    label,
    indicators: toolkit.indicators.filter((i) => i.group === group),
  }));
  return { id: toolkit.id, version: toolkit.version, name: toolkit.name, groups, incidents: toolkit.significantIncidents, answers: ANSWER_LABELS, levels: SCREENING_LEVEL_LABELS };
}

export function screeningService(db: Db) {
  return {
    async toolkit(actor: Actor, referralId: string) {
      const referral = await referralInScope(db, actor, referralId, 'screening', 'create');
      return { referral, toolkit: await store.activeToolkit(db, actor.partnershipId) };
    },

    async screen(actor: Actor, referralId: string, input: ScreeningInput, idempotencyKey?: string): Promise<{ screening: ScreeningView; created: boolean }> {
      const referral = await referralInScope(db, actor, referralId, 'screening', 'create');
      const toolkit = await store.activeToolkit(db, actor.partnershipId);
      const answers = (input.answers ?? {}) as Record<string, unknown>;
      const errors = validateAnswers(toolkit, answers);
      if (errors.length) throw new ValidationProblem(errors);
      const result = scoreScreening(toolkit, answers as Record<string, Answer>);
      const judged = applyOverride(result.band, input.overrideLevel, input.overrideReason);
      if (!judged.ok) throw new ValidationProblem(judged.errors);
      const id = randomUUID();
      const outcome = await db.transaction().execute(async (tx) => {
        if (idempotencyKey) {
          const earlier = await claimIdempotencyKey(tx, actor.partnershipId, actor.userId, idempotencyKey, id);
          if (earlier) return { id: earlier, created: false };
        }
        const now = new Date();
        await tx
          .insertInto('screening')
          .values({
            partnership_id: actor.partnershipId,
            id,
            referral_id: referral.id,
            person_id: referral.person_id,
            toolkit_id: toolkit.id,
            toolkit_version: toolkit.version,
            answers: JSON.stringify(Object.fromEntries(Object.entries(answers).filter(([, v]) => v))),
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
          })
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'screening.created',
          resourceType: 'screening',
          resourceId: id,
          personId: referral.person_id,
          details: { referralId: referral.id, score: result.score, suggested: result.band, level: judged.level },
        });
        return { id, created: true };
      });
      const rows = await store.screeningsFor(db, actor.partnershipId, referral.id);
      return { screening: toView(rows.find((r) => r.id === outcome.id) as Row), created: outcome.created };
    },

    /** A referral's screenings, newest first (the history of re-screens). Audited as a person-level read. */
    async history(actor: Actor, referralId: string): Promise<ScreeningView[]> {
      const referral = await referralInScope(db, actor, referralId, 'screening', 'read');
      return db.transaction().execute(async (tx) => {
        const rows = await store.screeningsFor(tx, actor.partnershipId, referral.id);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'screening.viewed', resourceType: 'referral', resourceId: referral.id, personId: referral.person_id });
        return rows.map(toView);
      });
    },

    /** Installs a toolkit version (from a partnership's own regionally agreed tool); it is used for new screenings. */
    async installToolkit(actor: Actor, candidate: unknown): Promise<Toolkit> {
      requireScope(actor, 'screening', 'manage');
      const problems = toolkitProblems(candidate);
      if (problems.length) throw new ValidationProblem(problems.map((message) => ({ field: 'toolkit', message })));
      const toolkit = candidate as Toolkit;
      return db.transaction().execute(async (tx) => {
        const exists = await store.toolkitVersion(tx, actor.partnershipId, toolkit.id, toolkit.version);
        if (exists) throw new ValidationProblem([{ field: 'toolkit', message: `Version ${toolkit.version} of ${toolkit.id} is installed already: give the new toolkit a higher version` }]);
        await tx
          .insertInto('screening_toolkit')
          .values({ partnership_id: actor.partnershipId, id: toolkit.id, version: toolkit.version, name: toolkit.name, definition: JSON.stringify(toolkit) })
          .execute();
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'screening.toolkit_installed', resourceType: 'screening_toolkit', resourceId: `${toolkit.id}@${toolkit.version}` });
        return toolkit;
      });
    },

    latestLevels: (partnershipId: string, referralIds: string[]) => store.latestLevels(db, partnershipId, referralIds),
  };
}

export type ScreeningService = ReturnType<typeof screeningService>;
