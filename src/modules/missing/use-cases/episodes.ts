// Missing episodes: record one (alerting the hub when it meets the repeat-missing rule), change it (typically the
// return), read one, and a child's missing history.

import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { assertMayOnChildsMissing } from '../../../platform/access/rules.ts';
import { type FieldError, ValidationProblem } from '../../../platform/http/problems.ts';
import { claimRetryKey } from '../../../platform/idempotency/retry.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { agencyInvolved, involveAgency } from '../../people/use-cases.ts';
import * as alertsStore from '../alerts/store.ts';
import { repeatMissingTriggered, validateEpisode, validateEpisodeContext } from '../domain.ts';
import * as notices from '../notices/store.ts';
import * as profiles from '../profiles/store.ts';
import { CreateEpisodeInput, type EpisodePatch, Id, PersonId, UpdateEpisodeInput } from '../schemas.ts';
import * as store from '../store.ts';
import { type EpisodeView, ruleText, toView } from '../view.ts';
import { childInScope, episodeInScope } from './access.ts';
import { raiseRepeatMissingAlert } from './repeat-missing.ts';

type Fields = Static<typeof EpisodePatch>;

const instant = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);
const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
const stored = (d: Date | null | undefined) => (d ? new Date(d) : null);

/** The episode as it will be: the fields sent over what is recorded (text trimmed, empty text as none). */
function episodeValue(f: Fields, current?: store.EpisodeRow) {
  return {
    classification: pick(f.classification, current?.classification) as string,
    riskGrade: pick(f.riskGrade, current?.risk_grade) as string,
    reportedAt: pick(instant(f.reportedAt), stored(current?.reported_at)),
    lastSeenAt: pick(instant(f.lastSeenAt), stored(current?.last_seen_at)),
    returnedAt: pick(instant(f.returnedAt), stored(current?.returned_at)),
    lastSeenPlace: pick(clean(f.lastSeenPlace), current?.last_seen_place ?? null),
    foundPlace: pick(clean(f.foundPlace), current?.found_place ?? null),
    policeReference: pick(clean(f.policeReference), current?.police_reference ?? null),
    lookedAfter: pick(f.lookedAfter, current?.looked_after ?? false),
    responsibleAuthority: pick(clean(f.responsibleAuthority), current?.responsible_authority ?? null),
    placedByOtherLa: pick(f.placedByOtherLa, current?.placed_by_other_la ?? false),
    placingAuthority: pick(clean(f.placingAuthority), current?.placing_authority ?? null),
  };
}
type EpisodeValue = ReturnType<typeof episodeValue>;

/** The domain's rules, one error per field; a minute's grace for clocks a little ahead. */
function episodeErrors(value: EpisodeValue, now: Date): FieldError[] {
  const all: FieldError[] = [];
  for (const e of [...validateEpisode(value, new Date(now.getTime() + 60_000)), ...validateEpisodeContext(value)])
    if (!all.some((x) => x.field === e.field)) all.push(e);
  return all;
}

/** The names of the fields whose values differ (times compared as instants). */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  return (Object.keys(after) as (keyof T)[]).filter((k) => !same(before[k], after[k])) as string[];
}

/** Records an episode. A retry with the same idempotency key returns the first episode (created: false). */
export const createEpisode = useCase({
  name: 'missing.create_episode',
  permission: ['missing', 'create'],
  input: CreateEpisodeInput,
  async run(ctx, { idempotencyKey, personId, ...fields }): Promise<{ episode: EpisodeView; created: boolean; repeatMissing: boolean }> {
    const { db, actor, now } = ctx;
    const value = episodeValue(fields);
    const errors = episodeErrors(value, now);
    if (errors.length > 0) throw new ValidationProblem(errors);
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, `missing:${idempotencyKey}`, id, { personId, ...fields });
      const row = earlier ? await store.findEpisode(db, actor.partnershipId, earlier) : undefined;
      if (row) return { episode: toView(row, now), created: false, repeatMissing: false };
    }
    const child = await store.findChild(db, actor.partnershipId, personId);
    if (!child) throw new ValidationProblem([{ field: 'personId', message: 'There is no child with that id: check it, or add the child first' }]);
    assertMayOnChildsMissing(actor, 'create', { agencyInvolved: await agencyInvolved(db, actor, personId) });
    // A child placed from elsewhere: the person record already says so, unless this episode says otherwise.
    const placedByOtherLa = fields.placedByOtherLa ?? child.placed_by_other_la;
    const placingAuthority = value.placingAuthority ?? (placedByOtherLa ? child.placing_authority : null);
    const previous = await store.reportedAts(db, actor.partnershipId, personId);
    const reportedAt = value.reportedAt as Date;
    await store.insertEpisode(db, actor.partnershipId, id, { ...value, personId, reportedAt, placedByOtherLa, placingAuthority }, actor.userId);
    await involveAgency(db, actor, personId);
    const rule = await alertsStore.getRule(db, actor.partnershipId);
    const repeatMissing = repeatMissingTriggered(previous, reportedAt, rule);
    if (repeatMissing) await ctx.call(raiseRepeatMissingAlert, { personId, episodeId: id });
    const row = await store.findEpisode(db, actor.partnershipId, id);
    return { episode: toView(row as store.EpisodeRow, now), created: true, repeatMissing };
  },
  audit: {
    change: 'missing_episode.created',
    subject: ({ episode: e, created }) =>
      created
        ? {
            type: 'missing_episode',
            id: e.id,
            personId: e.personId,
            details: { classification: e.classification, riskGrade: e.riskGrade, returned: !!e.returnedAt },
          }
        : null,
  },
});

/** Changes an episode, typically to record the return. Only the fields given change; no change, no event. */
export const updateEpisode = useCase({
  name: 'missing.update_episode',
  permission: ['missing', 'update'],
  input: UpdateEpisodeInput,
  async run({ db, actor, now }, { id, ...fields }): Promise<{ episode: EpisodeView; changed: string[]; returned: boolean }> {
    const current = await episodeInScope(db, actor, id, 'update');
    const before = episodeValue({}, current);
    const value = episodeValue(fields, current);
    const errors = episodeErrors(value, now);
    if (current.interview_status && !value.returnedAt)
      errors.push({ field: 'returnedAt', message: 'A return home interview has been recorded, so the return cannot be removed' });
    if (current.offered_at && value.returnedAt && new Date(current.offered_at) < value.returnedAt) {
      errors.push({ field: 'returnedAt', message: 'The return home interview was offered before this time: the return must be earlier' });
    }
    if (errors.length > 0) throw new ValidationProblem(errors);
    const changed = changedFields(before, value);
    if (changed.length > 0) await store.updateEpisode(db, actor.partnershipId, id, { ...value, reportedAt: value.reportedAt as Date });
    const row = await store.findEpisode(db, actor.partnershipId, id);
    return { episode: toView(row as store.EpisodeRow, now), changed, returned: !current.returned_at && !!value.returnedAt };
  },
  audit: {
    change: 'missing_episode.updated',
    subject: ({ episode: e, changed, returned }) =>
      changed.length ? { type: 'missing_episode', id: e.id, personId: e.personId, details: { changed, returned } } : null,
  },
});

export type EpisodeWithNotices = EpisodeView & { notices: { id: string; kind: string; recipient: string; method: string; sentAt: Date }[] };

export const getEpisode = useCase({
  name: 'missing.get_episode',
  permission: ['missing', 'read'],
  input: Id,
  async run({ db, actor, now }, { id }): Promise<EpisodeWithNotices> {
    const row = await episodeInScope(db, actor, id, 'read');
    const sent = await notices.notices(db, actor.partnershipId, id);
    return {
      ...toView(row, now),
      notices: sent.map((n) => ({ id: n.id, kind: n.kind, recipient: n.recipient, method: n.method, sentAt: new Date(n.sent_at) })),
    };
  },
  audit: { read: 'missing_episode.viewed', subject: (e) => ({ type: 'missing_episode', id: e.id, personId: e.personId }) },
});

/** One child's missing history, alerts and whether they have a Philomena profile. */
export const childMissing = useCase({
  name: 'missing.child_history',
  permission: ['missing', 'read'],
  input: PersonId,
  async run({ db, actor, now }, { personId }) {
    const person = await childInScope(db, actor, personId, 'read');
    const [rows, alerts, profile, rule] = await Promise.all([
      store.personEpisodes(db, actor.partnershipId, personId),
      alertsStore.alerts(db, actor.partnershipId, { personId }),
      profiles.profile(db, actor.partnershipId, personId),
      alertsStore.getRule(db, actor.partnershipId),
    ]);
    return {
      person: {
        id: person.id,
        name: `${person.given_name} ${person.family_name}`,
        dateOfBirth: person.date_of_birth,
        placedByOtherLa: person.placed_by_other_la,
        placingAuthority: person.placing_authority,
      },
      episodes: rows.map((r) => toView(r, now)),
      alerts: alerts.map((a) => ({
        id: a.id,
        createdAt: new Date(a.created_at),
        acknowledged: !!a.acknowledged_at,
        rule: ruleText(a),
        episodeId: a.episode_id,
      })),
      hasProfile: !!profile,
      rule,
    };
  },
  audit: {
    read: 'missing_history.viewed',
    subject: (c) => ({ type: 'person', id: c.person.id, personId: c.person.id, details: { episodes: c.episodes.length } }),
  },
});
