// Return home interviews: record the offer, the interview or why it did not happen; raise a referral to the hub from
// a completed interview.
import type { Static } from '@sinclair/typebox';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { type FieldError, ValidationProblem } from '../../../platform/http/problems.ts';
import { formatUkDateTime, ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { createInterviewAction, ownerErrors } from '../../actions/use-cases.ts';
import type { ActionView } from '../../actions/view.ts';
import { createReferral } from '../../referrals/use-cases.ts';
import { describeInterviewChanges, validateInterview } from '../domain.ts';
import { type FollowUpAction, InterviewInput, RaiseReferralInput } from '../schemas.ts';
import * as store from '../store.ts';
import { type EpisodeView, toView } from '../view.ts';
import { episodeInScope } from './access.ts';
import { changedFields } from './episodes.ts';

const CONTENT_LABELS = {
  whereWent: 'Where the child went',
  whoWith: 'Who they were with',
  travel: 'How they travelled',
  pushFactors: 'Push factors',
  pullFactors: 'Pull factors',
  disclosures: 'Disclosures',
  nextSteps: 'What happens next',
} as const;
type ContentField = keyof typeof CONTENT_LABELS;
const CONTENT_FIELDS = Object.keys(CONTENT_LABELS) as ContentField[];
const CONTENT_COLUMNS: Record<ContentField, keyof store.EpisodeRow> = {
  whereWent: 'where_went',
  whoWith: 'who_with',
  travel: 'travel',
  pushFactors: 'push_factors',
  pullFactors: 'pull_factors',
  disclosures: 'disclosures',
  nextSteps: 'next_steps',
};

/** Maps the domain's field names to the API's. */
const apiField = (f: string) => (f === 'declineReason' ? 'declinedReason' : f === 'declineReasonDetail' ? 'declinedReasonDetail' : f);
const instant = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : v.trim() || null);
const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
const stored = (d: Date | null | undefined) => (d ? new Date(d) : null);

type Body = Omit<Static<typeof InterviewInput>, 'id'>;

/** The interview as recorded now (from the row), in the store's shape, to see what a change changes. */
function recorded(current: store.EpisodeRow): store.InterviewRecord {
  return {
    status: current.interview_status ?? '',
    offeredAt: stored(current.offered_at),
    offeredBy: current.offered_by,
    completedAt: stored(current.completed_at),
    completedBy: current.completed_by,
    declinedAt: stored(current.declined_at),
    declineReason: current.decline_reason,
    declineReasonDetail: current.decline_reason_detail,
    ...(Object.fromEntries(CONTENT_FIELDS.map((f) => [f, (current[CONTENT_COLUMNS[f]] as string | null) ?? null])) as Record<ContentField, string | null>),
  };
}

/** The interview after this change, and its errors: fields not sent keep their recorded values. */
function interviewRecord(actor: Actor, body: Body, current: store.EpisodeRow, now: Date): { record: store.InterviewRecord; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const was = recorded(current);
  const sent = { offeredAt: instant(body.offeredAt), completedAt: instant(body.completedAt), declinedAt: instant(body.declinedAt) };
  const offeredAt = pick(sent.offeredAt, was.offeredAt);
  let completedAt = pick(sent.completedAt, was.completedAt);
  let declinedAt = pick(sent.declinedAt, was.declinedAt);
  let declineReason = pick(body.declinedReason, was.declineReason as typeof body.declinedReason) ?? null;
  let declineReasonDetail = pick(clean(body.declinedReasonDetail), was.declineReasonDetail);
  if (body.status === 'offered') {
    // Back to "offered": any completion or decline is withdrawn.
    completedAt = null;
    declinedAt = null;
    declineReason = null;
    declineReasonDetail = null;
    // Required whether left out or sent blank: "offered" with no date would save a status that says nothing.
    if (!offeredAt) errors.push({ field: 'offeredAt', message: 'Enter when the interview was offered' });
  } else if (body.status === 'completed') {
    // "Interview held" with no date is not a record of an interview: refused, whether the date was left out or blank.
    if (!completedAt) errors.push({ field: 'completedAt', message: 'Enter the date and time the interview took place' });
    // A decline recorded earlier stays: the child took the interview up later, and the record says so.
  } else {
    completedAt = null;
    declinedAt ??= now;
    if (!declineReason) errors.push({ field: 'declinedReason', message: 'Select why the interview did not take place' });
  }
  const content = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, pick(clean(body[f]), was[f])])) as Record<ContentField, string | null>;
  const offeredBy = pick(clean(body.offeredBy), was.offeredBy) ?? (offeredAt ? actor.name : null);
  const completedBy = completedAt ? (pick(clean(body.completedBy), was.completedBy) ?? actor.name) : null;
  const domain = validateInterview(
    {
      episodeReturnedAt: stored(current.returned_at),
      offeredAt,
      completedAt,
      declinedAt,
      declineReason: declineReason ?? undefined,
      declineReasonDetail: declineReasonDetail ?? undefined,
    },
    new Date(now.getTime() + 60_000),
  );
  for (const e of domain) if (!errors.some((x) => x.field === apiField(e.field))) errors.push({ field: apiField(e.field), message: e.message });
  return {
    record: { status: body.status, offeredAt, offeredBy, completedAt, completedBy, declinedAt, declineReason, declineReasonDetail, ...content },
    errors,
  };
}

/** The follow-up actions' errors, named by their place in the list (actions[1].ownerAgencyId). */
async function followUpErrors(db: Db, actor: Actor, actions: readonly Static<typeof FollowUpAction>[], now: Date): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [n, a] of actions.entries()) {
    for (const e of await ownerErrors(db, actor.partnershipId, a)) errors.push({ ...e, field: `actions[${n}].${e.field}` });
    if (a.dueOn < ukDate(now)) errors.push({ field: `actions[${n}].dueOn`, message: 'Due date must be today or in the future' });
  }
  return errors;
}

/** Records the offer, the interview, or why it did not happen. The event says which fields changed; none, no event. */
export const recordInterview = useCase({
  name: 'missing.record_interview',
  permission: ['missing', 'update'],
  input: InterviewInput,
  async run(
    { db, actor, now, call },
    { id, actions = [], ...body },
  ): Promise<{ episode: EpisodeView; changed: string[]; changes: string[]; actions: ActionView[] }> {
    const current = await episodeInScope(db, actor, id, 'update');
    const { record, errors } = interviewRecord(actor, body, current, now);
    errors.push(...(await followUpErrors(db, actor, actions, now)));
    if (errors.length > 0) throw new ValidationProblem(errors);
    const before = recorded(current);
    const changed = changedFields(before, record);
    if (changed.length > 0) await store.putInterview(db, actor.partnershipId, id, record, actor.userId);
    const row = await store.findEpisode(db, actor.partnershipId, id);
    const changes = describeInterviewChanges(
      before as unknown as Record<string, unknown>,
      record as unknown as Record<string, unknown>,
      changed,
      formatUkDateTime,
    );
    // Each follow-up is an action in the one tracker, about the child, from this interview (its own action.assigned).
    const created: ActionView[] = [];
    for (const a of actions)
      created.push(await call(createInterviewAction, { ...a, sourceKind: 'return_interview', sourceId: id, personId: current.person_id }));
    return { episode: toView(row as store.EpisodeRow, now), changed, changes, actions: created };
  },
  audit: {
    change: 'return_interview.recorded',
    // No change, no event: the trail and the record never disagree.
    subject: ({ episode: e, changed, changes }) =>
      changed.length
        ? {
            type: 'missing_episode',
            id: e.id,
            personId: e.personId,
            details: { status: e.interview?.status, declineReason: e.interview?.declinedReason ?? null, changed, changes },
          }
        : null,
  },
});

/**
 * Raises a referral to the hub from a completed interview, through the referrals use case. The idempotency key is
 * per episode, so pressing the button twice (or retrying after a failure) makes one referral.
 */
export const raiseReferral = useCase({
  name: 'missing.raise_referral',
  permission: ['referral', 'create'],
  input: RaiseReferralInput,
  async run(ctx, { id, consent = 'not_sought', lawfulBasisReason, urgency = 'urgent' }) {
    const { db, actor, now } = ctx;
    const episode = toView(await episodeInScope(db, actor, id, 'read'), now);
    const i = episode.interview;
    if (!i?.completedAt) throw new ValidationProblem([{ field: 'interview', message: 'Complete the return home interview before raising a referral from it' }]);
    const concerns = [
      `Return home interview on ${ukDate(i.completedAt)} after a missing episode reported ${ukDate(episode.reportedAt)}${episode.duration ? ` (missing ${episode.duration})` : ''}.`,
      ...CONTENT_FIELDS.filter((f) => i[f]).map((f) => `${CONTENT_LABELS[f]}: ${i[f]}`),
    ].join('\n');
    const { referral, created } = await ctx.call(createReferral, {
      subject: { personId: episode.personId },
      referrerName: actor.name,
      referrerRole: 'Return home interview officer',
      ...(actor.via === 'system' ? {} : { referrerContact: actor.email }),
      concerns: concerns.slice(0, 10_000),
      indicators: ['repeat_missing'],
      consent,
      ...(consent === 'given'
        ? {}
        : {
            lawfulBasisReason:
              lawfulBasisReason ?? 'Shared without consent to safeguard a child after a missing episode (Children Act 2004 s11; DPA 2018 Sch 8 para 4).',
          }),
      urgency,
      idempotencyKey: `rhi-referral:${id}`,
    });
    if (created) await store.linkReferral(db, actor.partnershipId, id, referral.id);
    return { referral, created, episodeId: id, personId: episode.personId };
  },
  audit: {
    change: 'return_interview.referral_raised',
    subject: (r) => (r.created ? { type: 'missing_episode', id: r.episodeId, personId: r.personId, details: { referralId: r.referral.id } } : null),
  },
});
