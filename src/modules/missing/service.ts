// Missing children: episodes, return home interviews, the interviews-due list, repeat-missing alerts, notices,
// Philomena Protocol profiles and the quarterly report. Each method: access first (default deny), then validation
// (pure rules in domain.ts), then one transaction with the change and its audit event. Every person-level read is
// audited with the person's id.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor, requireScope } from '../../platform/access/actor.ts';
import type { Scope } from '../../platform/access/policy.ts';
import { recordAudit } from '../../platform/audit/store.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, isIsoDate, ukDate, ukDayStart } from '../../platform/time.ts';
import { assertCanReadPerson } from '../people/service.ts';
import * as people from '../people/store.ts';
import type { ReferralsService } from '../referrals/service.ts';
import { claimIdempotencyKey } from '../referrals/store.ts';
import { notify } from '../notifications/store.ts';
import {
  CLASSIFICATION_LABELS,
  type Classification,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  type DeclineReason,
  episodeDuration,
  formatDuration,
  INTERVIEW_STATUS_LABELS,
  INTERVIEW_STATUS_RAG,
  interviewDeadline,
  interviewStatus,
  NOTICE_KINDS,
  NOTICE_METHODS,
  type NoticeKind,
  noticeText,
  POLICE_RISK_GRADE_LABELS,
  type PoliceRiskGrade,
  type RepeatMissingRule,
  repeatMissingTriggered,
  validateEpisode,
  validateEpisodeContext,
  validateInterview,
} from './domain.ts';
import * as store from './store.ts';

/** Photos on Philomena profiles: JPEG or PNG, at most this many bytes. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

// ---- input parsing (API JSON and forms share one shape: ISO date-times, plain strings, booleans) ----

function instant(raw: Record<string, unknown>, field: string, errors: FieldError[], label: string): Date | null | undefined {
  const v = raw[field];
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  const d = typeof v === 'string' ? new Date(v) : v instanceof Date ? v : null;
  if (!d || Number.isNaN(d.getTime()) || (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}T/.test(v))) {
    errors.push({ field, message: `${label} must be a date and time, like 2026-03-27T14:30:00Z` });
    return undefined;
  }
  return d;
}

function str(raw: Record<string, unknown>, field: string, errors: FieldError[], label: string, max = 2000): string | null | undefined {
  const v = raw[field];
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v !== 'string') {
    errors.push({ field, message: `${label} must be text` });
    return undefined;
  }
  const t = v.trim();
  if (t.length > max) errors.push({ field, message: `${label} must be ${max} characters or fewer` });
  return t === '' ? null : t;
}

function bool(raw: Record<string, unknown>, field: string): boolean | undefined {
  const v = raw[field];
  if (v === undefined) return undefined;
  return v === true || v === 'true' || v === 'yes';
}

// ---- view models ----

export interface InterviewView {
  status: string;
  offeredAt: Date | null;
  offeredBy: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  declinedAt: Date | null;
  declinedReason: DeclineReason | null;
  declinedReasonLabel: string | null;
  declinedReasonDetail: string | null;
  whereWent: string | null;
  whoWith: string | null;
  travel: string | null;
  pushFactors: string | null;
  pullFactors: string | null;
  disclosures: string | null;
  nextSteps: string | null;
  referralId: string | null;
  /** Declined first, then completed: the child took it up later. */
  takenUpLater: boolean;
}

export interface EpisodeView {
  id: string;
  personId: string;
  personName: string;
  dateOfBirth: string | null;
  classification: Classification;
  classificationLabel: string;
  reportedAt: Date;
  lastSeenAt: Date | null;
  lastSeenPlace: string | null;
  returnedAt: Date | null;
  foundPlace: string | null;
  policeReference: string | null;
  riskGrade: PoliceRiskGrade;
  riskGradeLabel: string;
  lookedAfter: boolean;
  responsibleAuthority: string | null;
  placedByOtherLa: boolean;
  placingAuthority: string | null;
  duration: string | null;
  dueBy: Date | null;
  interviewStatus: string;
  interviewStatusLabel: string;
  rag: string;
  interview: InterviewView | null;
}

function toView(r: store.EpisodeRow, now: Date): EpisodeView {
  const returnedAt = r.returned_at ? new Date(r.returned_at) : null;
  const reportedAt = new Date(r.reported_at);
  const d = (v: Date | null) => (v ? new Date(v) : null);
  const interview: InterviewView | null = r.interview_status
    ? {
        status: r.interview_status,
        offeredAt: d(r.offered_at),
        offeredBy: r.offered_by,
        completedAt: d(r.completed_at),
        completedBy: r.completed_by,
        declinedAt: d(r.declined_at),
        declinedReason: r.decline_reason as DeclineReason | null,
        declinedReasonLabel: r.decline_reason ? DECLINE_REASON_LABELS[r.decline_reason as DeclineReason] : null,
        declinedReasonDetail: r.decline_reason_detail,
        whereWent: r.where_went,
        whoWith: r.who_with,
        travel: r.travel,
        pushFactors: r.push_factors,
        pullFactors: r.pull_factors,
        disclosures: r.disclosures,
        nextSteps: r.next_steps,
        referralId: r.referral_id,
        takenUpLater: !!(r.declined_at && r.completed_at),
      }
    : null;
  const status = interviewStatus({ returnedAt, completedAt: interview?.completedAt, declinedAt: interview?.declinedAt, now });
  return {
    id: r.id,
    personId: r.person_id,
    personName: `${r.given_name} ${r.family_name}`,
    dateOfBirth: r.date_of_birth,
    classification: r.classification as Classification,
    classificationLabel: CLASSIFICATION_LABELS[r.classification as Classification],
    reportedAt,
    lastSeenAt: d(r.last_seen_at),
    lastSeenPlace: r.last_seen_place,
    returnedAt,
    foundPlace: r.found_place,
    policeReference: r.police_reference,
    riskGrade: r.risk_grade as PoliceRiskGrade,
    riskGradeLabel: POLICE_RISK_GRADE_LABELS[r.risk_grade as PoliceRiskGrade],
    lookedAfter: r.looked_after,
    responsibleAuthority: r.responsible_authority,
    placedByOtherLa: r.placed_by_other_la,
    placingAuthority: r.placing_authority,
    duration: returnedAt ? formatDuration(episodeDuration(reportedAt, returnedAt)) : null,
    dueBy: returnedAt ? interviewDeadline(returnedAt) : null,
    interviewStatus: status,
    interviewStatusLabel: INTERVIEW_STATUS_LABELS[status],
    rag: INTERVIEW_STATUS_RAG[status],
    interview,
  };
}

export interface DueItemView {
  episodeId: string;
  personId: string;
  personName: string;
  reportedAt: Date;
  returnedAt: Date;
  dueBy: Date;
  offeredAt: Date | null;
  overdue: boolean;
  status: string;
  statusLabel: string;
  rag: string;
}

/** Throws unless the actor may see this child's missing records: a hub-wide role, or their agency is involved. */
async function assertCanSeeChild(tx: Db, actor: Actor, personId: string, scope: Scope): Promise<void> {
  await assertCanReadPerson(tx, actor, personId);
  if (scope !== 'partnership' && !(await people.isAgencyInvolved(tx, actor.partnershipId, personId, actor.agencyId))) {
    throw forbidden('Your agency is not involved with this child');
  }
}

// ---- episode input ----

function parseEpisode(raw: Record<string, unknown>, current?: store.EpisodeRow) {
  const errors: FieldError[] = [];
  const t = {
    reportedAt: instant(raw, 'reportedAt', errors, 'Time reported missing'),
    lastSeenAt: instant(raw, 'lastSeenAt', errors, 'Time last seen'),
    returnedAt: instant(raw, 'returnedAt', errors, 'Time returned'),
  };
  const s = {
    lastSeenPlace: str(raw, 'lastSeenPlace', errors, 'Place last seen', 500),
    foundPlace: str(raw, 'foundPlace', errors, 'Where found', 500),
    policeReference: str(raw, 'policeReference', errors, 'Police reference', 100),
    responsibleAuthority: str(raw, 'responsibleAuthority', errors, 'Authority looking after the child', 200),
    placingAuthority: str(raw, 'placingAuthority', errors, 'Placing authority', 200),
  };
  const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const old = (v: Date | null | undefined) => (v ? new Date(v) : null);
  const value = {
    classification: (raw.classification ?? current?.classification) as string,
    riskGrade: (raw.riskGrade ?? current?.risk_grade) as string,
    reportedAt: pick(t.reportedAt, old(current?.reported_at)),
    lastSeenAt: pick(t.lastSeenAt, old(current?.last_seen_at)),
    returnedAt: pick(t.returnedAt, old(current?.returned_at)),
    lastSeenPlace: pick(s.lastSeenPlace, current?.last_seen_place ?? null),
    foundPlace: pick(s.foundPlace, current?.found_place ?? null),
    policeReference: pick(s.policeReference, current?.police_reference ?? null),
    lookedAfter: pick(bool(raw, 'lookedAfter'), current?.looked_after ?? false),
    responsibleAuthority: pick(s.responsibleAuthority, current?.responsible_authority ?? null),
    placedByOtherLa: pick(bool(raw, 'placedByOtherLa'), current?.placed_by_other_la ?? false),
    placingAuthority: pick(s.placingAuthority, current?.placing_authority ?? null),
  };
  return { value, errors };
}

function checkEpisode(value: ReturnType<typeof parseEpisode>['value'], errors: FieldError[], now: Date) {
  const all = [...errors];
  const add = (more: FieldError[]) => {
    for (const e of more) if (!all.some((x) => x.field === e.field)) all.push(e);
  };
  add(validateEpisode(value, new Date(now.getTime() + 60_000)));
  add(validateEpisodeContext(value));
  return all;
}

// ---- interview input ----

interface InterviewBody {
  status?: unknown;
  offeredAt?: unknown;
  offeredBy?: unknown;
  completedAt?: unknown;
  completedBy?: unknown;
  declinedAt?: unknown;
  declinedReason?: unknown;
  declinedReasonDetail?: unknown;
  [k: string]: unknown;
}

const CONTENT_FIELDS = ['whereWent', 'whoWith', 'travel', 'pushFactors', 'pullFactors', 'disclosures', 'nextSteps'] as const;
const CONTENT_LABELS: Record<(typeof CONTENT_FIELDS)[number], string> = {
  whereWent: 'Where the child went',
  whoWith: 'Who they were with',
  travel: 'How they travelled',
  pushFactors: 'Push factors',
  pullFactors: 'Pull factors',
  disclosures: 'Disclosures',
  nextSteps: 'What happens next',
};
const STATUSES = ['offered', 'completed', 'declined'] as const;

/** Maps the domain's field names to the API's. */
const apiField = (f: string) => (f === 'declineReason' ? 'declinedReason' : f === 'declineReasonDetail' ? 'declinedReasonDetail' : f);

function parseInterview(actor: Actor, raw: InterviewBody, current: store.EpisodeRow, now: Date) {
  const errors: FieldError[] = [];
  const status = raw.status;
  if (!(STATUSES as readonly unknown[]).includes(status)) errors.push({ field: 'status', message: 'Status must be one of: offered, completed, declined' });
  const r = raw as Record<string, unknown>;
  const t = {
    offeredAt: instant(r, 'offeredAt', errors, 'Date offered'),
    completedAt: instant(r, 'completedAt', errors, 'Date completed'),
    declinedAt: instant(r, 'declinedAt', errors, 'Date declined'),
  };
  const old = (v: Date | null | undefined) => (v ? new Date(v) : null);
  const pick = <T>(v: T | undefined, o: T): T => (v === undefined ? o : v);
  const offeredAt = pick(t.offeredAt, old(current.offered_at));
  let completedAt = pick(t.completedAt, old(current.completed_at));
  let declinedAt = pick(t.declinedAt, old(current.declined_at));
  let declineReason = pick(str(r, 'declinedReason', errors, 'Reason', 50), current.decline_reason);
  let declineReasonDetail = pick(str(r, 'declinedReasonDetail', errors, 'Reason', 2000), current.decline_reason_detail);
  if (status === 'offered') {
    // Back to "offered": any completion or decline is withdrawn.
    completedAt = null;
    declinedAt = null;
    declineReason = null;
    declineReasonDetail = null;
    if (!offeredAt && t.offeredAt === undefined) errors.push({ field: 'offeredAt', message: 'Enter when the interview was offered' });
  } else if (status === 'completed') {
    if (!completedAt && t.completedAt === undefined) errors.push({ field: 'completedAt', message: 'Enter when the interview was completed' });
    // A decline recorded earlier stays: the child took the interview up later, and the record says so.
  } else if (status === 'declined') {
    completedAt = null;
    declinedAt ??= now;
    if (!declineReason) errors.push({ field: 'declinedReason', message: 'Select why the interview did not take place' });
  }
  const content = Object.fromEntries(
    CONTENT_FIELDS.map((f) => {
      const col = { whereWent: 'where_went', whoWith: 'who_with', travel: 'travel', pushFactors: 'push_factors', pullFactors: 'pull_factors', disclosures: 'disclosures', nextSteps: 'next_steps' }[f] as keyof store.EpisodeRow;
      return [f, pick(str(r, f, errors, CONTENT_LABELS[f], 10_000), (current[col] as string | null) ?? null)];
    }),
  ) as Record<(typeof CONTENT_FIELDS)[number], string | null>;
  const offeredBy = pick(str(r, 'offeredBy', errors, 'Offered by', 200), current.offered_by) ?? (offeredAt ? actor.name : null);
  const completedBy = completedAt ? (pick(str(r, 'completedBy', errors, 'Completed by', 200), current.completed_by) ?? actor.name) : null;
  const domainErrors = validateInterview(
    {
      episodeReturnedAt: current.returned_at ? new Date(current.returned_at) : null,
      offeredAt,
      completedAt,
      declinedAt,
      declineReason: declineReason ?? undefined,
      declineReasonDetail: declineReasonDetail ?? undefined,
    },
    new Date(now.getTime() + 60_000),
  ).map((e) => ({ field: apiField(e.field), message: e.message }));
  for (const e of domainErrors) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  const record: store.InterviewRecord = {
    status: status as string,
    offeredAt,
    offeredBy,
    completedAt,
    completedBy,
    declinedAt,
    declineReason,
    declineReasonDetail,
    ...content,
  };
  return { record, errors };
}

export interface DueQuery {
  page?: number;
  pageSize?: number;
}

export function missingService(db: Db, deps: { referrals: ReferralsService }) {
  async function loadEpisode(tx: Db, actor: Actor, id: string, action: 'read' | 'update') {
    const scope = requireScope(actor, 'missing', action);
    const row = await store.findEpisode(tx, actor.partnershipId, id);
    if (!row) throw notFound('The missing episode');
    await assertCanSeeChild(tx, actor, row.person_id, scope);
    return row;
  }

  async function episodeView(id: string, actor: Actor) {
    const row = await store.findEpisode(db, actor.partnershipId, id);
    if (!row) throw notFound('The missing episode');
    return toView(row, new Date());
  }

  const service = {
    /** Records an episode. A retry with the same idempotency key returns the first episode (created: false). */
    async createEpisode(actor: Actor, raw: Record<string, unknown>, idempotencyKey?: string): Promise<{ episode: EpisodeView; created: boolean; repeatMissing: boolean }> {
      const scope = requireScope(actor, 'missing', 'create');
      const now = new Date();
      const { value, errors } = parseEpisode(raw);
      const personId = typeof raw.personId === 'string' && raw.personId ? raw.personId : null;
      if (!personId) errors.unshift({ field: 'personId', message: 'Say which child went missing' });
      const all = checkEpisode(value, errors, now);
      if (all.length > 0) throw new ValidationProblem(all);

      const outcome = await db.transaction().execute(async (tx) => {
        const id = randomUUID();
        if (idempotencyKey) {
          const earlier = await claimIdempotencyKey(tx, actor.partnershipId, actor.userId, `missing:${idempotencyKey}`, id);
          if (earlier) return { id: earlier, created: false, repeat: false };
        }
        const person = await people.findPerson(tx, actor.partnershipId, personId!);
        if (!person) throw new ValidationProblem([{ field: 'personId', message: 'There is no child with that id: check it, or add the child first' }]);
        if (scope !== 'partnership') await assertCanSeeChild(tx, actor, personId!, scope);
        // A child placed from elsewhere: the person record already says so, unless this episode says otherwise.
        const placedByOtherLa = raw.placedByOtherLa === undefined ? person.placed_by_other_la : value.placedByOtherLa;
        const placingAuthority = value.placingAuthority ?? (placedByOtherLa ? person.placing_authority : null);
        const previous = await store.reportedAts(tx, actor.partnershipId, personId!);
        await store.insertEpisode(tx, actor.partnershipId, id, { ...value, personId: personId!, reportedAt: value.reportedAt!, placedByOtherLa, placingAuthority, classification: value.classification, riskGrade: value.riskGrade }, actor.userId);
        await people.involveAgency(tx, actor.partnershipId, personId!, actor.agencyId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'missing_episode.created',
          resourceType: 'missing_episode',
          resourceId: id,
          personId,
          details: { classification: value.classification, riskGrade: value.riskGrade, returned: !!value.returnedAt },
        });
        const rule = await store.getRule(tx, actor.partnershipId);
        const repeat = repeatMissingTriggered(previous, value.reportedAt!, rule);
        if (repeat) await raiseRepeatAlert(tx, actor, personId!, id, `${person.given_name} ${person.family_name}`, rule);
        return { id, created: true, repeat };
      });
      return { episode: await episodeView(outcome.id, actor), created: outcome.created, repeatMissing: outcome.repeat };
    },

    /** Changes an episode, typically to record the return. Only the fields given change. */
    async updateEpisode(actor: Actor, id: string, raw: Record<string, unknown>): Promise<EpisodeView> {
      requireScope(actor, 'missing', 'update');
      const now = new Date();
      await db.transaction().execute(async (tx) => {
        const current = await loadEpisode(tx, actor, id, 'update');
        if ('personId' in raw && raw.personId !== current.person_id) throw new ValidationProblem([{ field: 'personId', message: 'An episode cannot be moved to another child' }]);
        const { value, errors } = parseEpisode(raw, current);
        const all = checkEpisode(value, errors, now);
        if (current.interview_status && !value.returnedAt) all.push({ field: 'returnedAt', message: 'A return home interview has been recorded, so the return cannot be removed' });
        if (current.offered_at && value.returnedAt && new Date(current.offered_at) < value.returnedAt) {
          all.push({ field: 'returnedAt', message: 'The return home interview was offered before this time: the return must be earlier' });
        }
        if (all.length > 0) throw new ValidationProblem(all);
        await store.updateEpisode(tx, actor.partnershipId, id, { ...value, reportedAt: value.reportedAt!, classification: value.classification, riskGrade: value.riskGrade });
        const changed = Object.keys(raw).filter((k) => k !== 'personId');
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: !current.returned_at && value.returnedAt ? 'missing_episode.returned' : 'missing_episode.updated',
          resourceType: 'missing_episode',
          resourceId: id,
          personId: current.person_id,
          details: { changed },
        });
      });
      return episodeView(id, actor);
    },

    async getEpisode(actor: Actor, id: string): Promise<EpisodeView & { notices: { id: string; kind: string; recipient: string; method: string; sentAt: Date }[] }> {
      return db.transaction().execute(async (tx) => {
        const row = await loadEpisode(tx, actor, id, 'read');
        const sent = await store.notices(tx, actor.partnershipId, id);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing_episode.viewed', resourceType: 'missing_episode', resourceId: id, personId: row.person_id });
        return { ...toView(row, new Date()), notices: sent.map((n) => ({ id: n.id, kind: n.kind, recipient: n.recipient, method: n.method, sentAt: new Date(n.sent_at) })) };
      });
    },

    /** Records the offer, the interview, or why it did not happen. */
    async putInterview(actor: Actor, episodeId: string, raw: InterviewBody): Promise<EpisodeView> {
      requireScope(actor, 'missing', 'update');
      const now = new Date();
      await db.transaction().execute(async (tx) => {
        const current = await loadEpisode(tx, actor, episodeId, 'update');
        const { record, errors } = parseInterview(actor, raw, current, now);
        if (errors.length > 0) throw new ValidationProblem(errors);
        await store.putInterview(tx, actor.partnershipId, episodeId, record, actor.userId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: `return_interview.${record.status}`,
          resourceType: 'missing_episode',
          resourceId: episodeId,
          personId: current.person_id,
          details: { status: record.status, declineReason: record.declineReason },
        });
      });
      return episodeView(episodeId, actor);
    },

    /**
     * Raises a referral to the hub from a completed interview, through the referrals service. The idempotency key is
     * per episode, so pressing the button twice (or retrying after a failure) makes one referral.
     */
    async raiseReferral(actor: Actor, episodeId: string, extra: { consent?: string; lawfulBasisReason?: string; urgency?: string } = {}) {
      const episode = await db.transaction().execute(async (tx) => {
        const row = await loadEpisode(tx, actor, episodeId, 'read');
        return toView(row, new Date());
      });
      const i = episode.interview;
      if (!i?.completedAt) throw new ValidationProblem([{ field: 'interview', message: 'Complete the return home interview before raising a referral from it' }]);
      const pieces = CONTENT_FIELDS.filter((f) => i[f]).map((f) => `${CONTENT_LABELS[f]}: ${i[f]}`);
      const concerns = [
        `Return home interview on ${ukDate(i.completedAt)} after a missing episode reported ${ukDate(episode.reportedAt)}${episode.duration ? ` (missing ${episode.duration})` : ''}.`,
        ...pieces,
      ].join('\n');
      const consent = extra.consent ?? 'not_sought';
      const { referral, created } = await deps.referrals.create(
        actor,
        {
          subject: { personId: episode.personId },
          referrerName: actor.name,
          referrerRole: 'Return home interview officer',
          referrerContact: actor.via === 'system' ? undefined : actor.email,
          concerns: concerns.slice(0, 10_000),
          indicators: ['repeat_missing'],
          consent,
          lawfulBasisReason:
            consent === 'given' ? undefined : (extra.lawfulBasisReason ?? 'Shared without consent to safeguard a child after a missing episode (Children Act 2004 s11; DPA 2018 Sch 8 para 4).'),
          urgency: extra.urgency ?? 'urgent',
        },
        `rhi-referral:${episodeId}`,
      );
      await db.transaction().execute(async (tx) => {
        await store.linkReferral(tx, actor.partnershipId, episodeId, referral.id);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), {
          action: 'return_interview.referral_raised',
          resourceType: 'missing_episode',
          resourceId: episodeId,
          personId: episode.personId,
          details: { referralId: referral.id, created },
        });
      });
      return { referral, created };
    },

    /** Interviews still to do, oldest return first, with the counts by RAG. The listing is audited. */
    async dueInterviews(actor: Actor, q: DueQuery = {}) {
      const scope = requireScope(actor, 'missing', 'read');
      const pageSize = Math.min(Math.max(q.pageSize ?? 100, 1), 500);
      const page = Math.max(q.page ?? 1, 1);
      const now = new Date();
      return db.transaction().execute(async (tx) => {
        const agencyId = scope === 'partnership' ? null : actor.agencyId;
        const [{ rows, more }, counts] = await Promise.all([
          store.dueList(tx, actor.partnershipId, agencyId, pageSize, (page - 1) * pageSize),
          store.dueCounts(tx, actor.partnershipId, agencyId, now),
        ]);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'return_interview.due_listed', resourceType: 'missing_episode', details: { page, count: rows.length } });
        const items: DueItemView[] = rows.map((r) => {
          const returnedAt = new Date(r.returned_at);
          const status = interviewStatus({ returnedAt, now });
          return {
            episodeId: r.episode_id,
            personId: r.person_id,
            personName: `${r.given_name} ${r.family_name}`,
            reportedAt: new Date(r.reported_at),
            returnedAt,
            dueBy: interviewDeadline(returnedAt),
            offeredAt: r.offered_at ? new Date(r.offered_at) : null,
            overdue: status === 'overdue',
            status,
            statusLabel: INTERVIEW_STATUS_LABELS[status],
            rag: INTERVIEW_STATUS_RAG[status],
          };
        });
        return { items, counts, page, more };
      });
    },

    /** The coordinator's and hub's dashboard: interviews due, children missing now, open repeat-missing alerts. */
    async dashboard(actor: Actor) {
      const scope = requireScope(actor, 'missing', 'read');
      const due = await service.dueInterviews(actor, { pageSize: 50 });
      return db.transaction().execute(async (tx) => {
        const agencyId = scope === 'partnership' ? null : actor.agencyId;
        const [open, openAlerts, rule] = await Promise.all([
          store.openEpisodes(tx, actor.partnershipId, agencyId),
          store.alerts(tx, actor.partnershipId, { openOnly: true, agencyId }),
          store.getRule(tx, actor.partnershipId),
        ]);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing.dashboard_viewed', resourceType: 'missing_episode', details: { open: open.length, alerts: openAlerts.length } });
        return {
          due,
          rule,
          open: open.map((o) => ({ id: o.id, personId: o.person_id, personName: `${o.given_name} ${o.family_name}`, reportedAt: new Date(o.reported_at), riskGradeLabel: POLICE_RISK_GRADE_LABELS[o.risk_grade as PoliceRiskGrade], classificationLabel: CLASSIFICATION_LABELS[o.classification as Classification] })),
          alerts: openAlerts.map((a) => ({ id: a.id, personId: a.person_id, personName: `${a.given_name} ${a.family_name}`, episodeId: a.episode_id, rule: `${a.rule_episodes} episodes within ${a.rule_within_days} days`, createdAt: new Date(a.created_at) })),
        };
      });
    },

    /** One child's missing history, alerts and whether they have a Philomena profile. */
    async childMissing(actor: Actor, personId: string) {
      const scope = requireScope(actor, 'missing', 'read');
      return db.transaction().execute(async (tx) => {
        const person = await people.findPerson(tx, actor.partnershipId, personId);
        if (!person) throw notFound('The person');
        await assertCanSeeChild(tx, actor, personId, scope);
        const now = new Date();
        const [rows, personAlerts, profile, rule] = await Promise.all([
          store.personEpisodes(tx, actor.partnershipId, personId),
          store.alerts(tx, actor.partnershipId, { personId }),
          store.profile(tx, actor.partnershipId, personId),
          store.getRule(tx, actor.partnershipId),
        ]);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing.child_viewed', resourceType: 'person', resourceId: personId, personId });
        return {
          person: { id: person.id, name: `${person.given_name} ${person.family_name}`, dateOfBirth: person.date_of_birth, placedByOtherLa: person.placed_by_other_la, placingAuthority: person.placing_authority },
          episodes: rows.map((r) => toView(r, now)),
          alerts: personAlerts.map((a) => ({ id: a.id, createdAt: new Date(a.created_at), acknowledged: !!a.acknowledged_at, rule: `${a.rule_episodes} episodes within ${a.rule_within_days} days`, episodeId: a.episode_id })),
          hasProfile: !!profile,
          rule,
        };
      });
    },

    async acknowledgeAlert(actor: Actor, alertId: string): Promise<void> {
      requireScope(actor, 'missing', 'update');
      await db.transaction().execute(async (tx) => {
        const done = await store.acknowledgeAlert(tx, actor.partnershipId, alertId, actor.userId);
        if (!done) throw notFound('The open alert');
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'repeat_missing.acknowledged', resourceType: 'repeat_missing_alert', resourceId: alertId, personId: done.person_id });
      });
    },

    async rule(actor: Actor): Promise<RepeatMissingRule> {
      requireScope(actor, 'missing', 'read');
      return store.getRule(db, actor.partnershipId);
    },

    async setRule(actor: Actor, raw: { episodes?: unknown; withinDays?: unknown }): Promise<RepeatMissingRule> {
      requireScope(actor, 'missing', 'manage');
      const errors: FieldError[] = [];
      const n = Number(raw.episodes);
      const days = Number(raw.withinDays);
      if (!Number.isInteger(n) || n < 2 || n > 50) errors.push({ field: 'episodes', message: 'Number of episodes must be a whole number from 2 to 50' });
      if (!Number.isInteger(days) || days < 1 || days > 365) errors.push({ field: 'withinDays', message: 'Number of days must be a whole number from 1 to 365' });
      if (errors.length) throw new ValidationProblem(errors);
      const rule = { episodes: n, withinDays: days };
      await db.transaction().execute(async (tx) => {
        await store.setRule(tx, actor.partnershipId, rule, actor.userId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing.rule_changed', resourceType: 'missing_rule', details: { ...rule } });
      });
      return rule;
    },

    // ---- notices ----

    /** The default text of a notice, for the officer to check and edit before recording it as sent. */
    async noticeDraft(actor: Actor, episodeId: string, kind: string, partnershipName: string) {
      requireScope(actor, 'missing', 'update');
      if (!(NOTICE_KINDS as readonly string[]).includes(kind)) throw new ValidationProblem([{ field: 'kind', message: `Kind must be one of: ${NOTICE_KINDS.join(', ')}` }]);
      return db.transaction().execute(async (tx) => {
        const row = await loadEpisode(tx, actor, episodeId, 'update');
        const e = toView(row, new Date());
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing_notice.drafted', resourceType: 'missing_episode', resourceId: episodeId, personId: e.personId, details: { kind } });
        const body = noticeText(kind as NoticeKind, {
          childName: e.personName,
          dateOfBirth: e.dateOfBirth,
          classification: e.classification,
          riskGrade: e.riskGrade,
          reportedAt: e.reportedAt,
          lastSeenAt: e.lastSeenAt,
          lastSeenPlace: e.lastSeenPlace,
          returnedAt: e.returnedAt,
          foundPlace: e.foundPlace,
          policeReference: e.policeReference,
          placingAuthority: e.placingAuthority,
          partnershipName,
          senderName: actor.name,
          interview: e.interview ? { ...e.interview, declineReason: e.interview.declinedReason } : null,
        });
        return { episode: e, kind: kind as NoticeKind, recipient: kind === 'placing_authority' ? (e.placingAuthority ?? '') : '', body };
      });
    },

    async recordNotice(actor: Actor, episodeId: string, raw: Record<string, unknown>, idempotencyKey?: string): Promise<string> {
      requireScope(actor, 'missing', 'update');
      const errors: FieldError[] = [];
      const kind = raw.kind;
      if (!(NOTICE_KINDS as readonly unknown[]).includes(kind)) errors.push({ field: 'kind', message: 'Select who the notice is for' });
      const method = raw.method;
      if (!(NOTICE_METHODS as readonly unknown[]).includes(method)) errors.push({ field: 'method', message: 'Select how it was sent' });
      const recipient = str(raw, 'recipient', errors, 'Recipient', 300);
      if (!recipient) errors.push({ field: 'recipient', message: 'Enter who it was sent to' });
      const body = str(raw, 'body', errors, 'The notice', 20_000);
      if (!body) errors.push({ field: 'body', message: 'Enter the text of the notice' });
      const sentAt = instant(raw, 'sentAt', errors, 'Date sent') ?? new Date();
      if (sentAt.getTime() > Date.now() + 60_000) errors.push({ field: 'sentAt', message: 'Date sent must not be in the future' });
      if (errors.length) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        const id = randomUUID();
        if (idempotencyKey) {
          const earlier = await claimIdempotencyKey(tx, actor.partnershipId, actor.userId, `notice:${idempotencyKey}`, id);
          if (earlier) return earlier;
        }
        const row = await loadEpisode(tx, actor, episodeId, 'update');
        await store.insertNotice(tx, actor.partnershipId, { id, episodeId, personId: row.person_id, kind: kind as string, recipient: recipient!, method: method as string, sentAt, body: body!, createdBy: actor.userId });
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing_notice.recorded', resourceType: 'missing_notice', resourceId: id, personId: row.person_id, details: { kind, method, episodeId } });
        return id;
      });
    },

    async getNotice(actor: Actor, id: string) {
      const scope = requireScope(actor, 'missing', 'read');
      return db.transaction().execute(async (tx) => {
        const n = await store.findNotice(tx, actor.partnershipId, id);
        if (!n) throw notFound('The notice');
        await assertCanSeeChild(tx, actor, n.person_id, scope);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing_notice.viewed', resourceType: 'missing_notice', resourceId: id, personId: n.person_id });
        return { id: n.id, episodeId: n.episode_id, personId: n.person_id, kind: n.kind as NoticeKind, recipient: n.recipient, method: n.method, sentAt: new Date(n.sent_at), body: n.body };
      });
    },

    // ---- Philomena Protocol ----

    async profile(actor: Actor, personId: string, purpose: 'viewed' | 'printed' = 'viewed') {
      const scope = requireScope(actor, 'missing', 'read');
      return db.transaction().execute(async (tx) => {
        const person = await people.findPerson(tx, actor.partnershipId, personId);
        if (!person) throw notFound('The person');
        await assertCanSeeChild(tx, actor, personId, scope);
        const [p, aliases] = await Promise.all([store.profile(tx, actor.partnershipId, personId), people.personAliases(tx, actor.partnershipId, personId)]);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: `philomena_profile.${purpose}`, resourceType: 'philomena_profile', resourceId: personId, personId });
        return {
          person: {
            id: person.id,
            name: `${person.given_name} ${person.family_name}`,
            aliases: aliases.map((a) => [a.given_name, a.family_name].filter(Boolean).join(' ')),
            dateOfBirth: person.date_of_birth,
            sex: person.sex,
            address: person.address,
            postcode: person.postcode,
            policeReference: person.police_reference,
            placingAuthority: person.placed_by_other_la ? person.placing_authority : null,
          },
          profile: p
            ? {
                description: p.description,
                associates: p.associates,
                places: p.places,
                phones: p.phones,
                socialMedia: p.social_media,
                medicalNeeds: p.medical_needs,
                otherInformation: p.other_information,
                hasPhoto: !!p.photo_type,
                photoUpdatedAt: p.photo_updated_at ? new Date(p.photo_updated_at) : null,
                updatedAt: new Date(p.updated_at),
              }
            : null,
        };
      });
    },

    async saveProfile(actor: Actor, personId: string, raw: Record<string, unknown>, photo: { data: Buffer; type: string } | null): Promise<void> {
      const scope = requireScope(actor, 'missing', 'update');
      const errors: FieldError[] = [];
      const f = (k: string, label: string) => str(raw, k, errors, label, 5000) ?? null;
      const record: store.ProfileRecord = {
        description: f('description', 'Description'),
        associates: f('associates', 'Associates'),
        places: f('places', 'Places frequented'),
        phones: f('phones', 'Phones'),
        socialMedia: f('socialMedia', 'Social media'),
        medicalNeeds: f('medicalNeeds', 'Medical needs'),
        otherInformation: f('otherInformation', 'Other information'),
      };
      if (photo) {
        if (photo.data.length > PHOTO_MAX_BYTES) errors.push({ field: 'photo', message: 'The photo must be 2 MB or smaller' });
        else if (imageType(photo.data) === null || imageType(photo.data) !== photo.type) errors.push({ field: 'photo', message: 'The photo must be a JPEG or PNG image' });
      }
      if (errors.length) throw new ValidationProblem(errors);
      await db.transaction().execute(async (tx) => {
        if (!(await people.findPerson(tx, actor.partnershipId, personId))) throw notFound('The person');
        await assertCanSeeChild(tx, actor, personId, scope);
        await store.putProfile(tx, actor.partnershipId, personId, record, photo, actor.userId);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'philomena_profile.updated', resourceType: 'philomena_profile', resourceId: personId, personId, details: { photo: !!photo } });
      });
    },

    /** The profile photo, served only to those who may see the child; each view is audited. */
    async photo(actor: Actor, personId: string): Promise<{ data: Buffer; type: string }> {
      const scope = requireScope(actor, 'missing', 'read');
      return db.transaction().execute(async (tx) => {
        if (!(await people.findPerson(tx, actor.partnershipId, personId))) throw notFound('The person');
        await assertCanSeeChild(tx, actor, personId, scope);
        const p = await store.photo(tx, actor.partnershipId, personId);
        if (!p?.photo || !p.photo_type) throw notFound('The photo');
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'philomena_profile.photo_viewed', resourceType: 'philomena_profile', resourceId: personId, personId });
        return { data: Buffer.from(p.photo), type: p.photo_type };
      });
    },

    // ---- the quarterly report ----

    /** Figures for the committee; aggregate, so the scrutiny role may see them too. Defaults to the last full quarter. */
    async report(actor: Actor, q: { from?: string; to?: string }) {
      requireScope(actor, 'report', 'read');
      const period = q.from || q.to ? { from: q.from ?? '', to: q.to ?? '' } : lastQuarter(ukDate(new Date()));
      const errors: FieldError[] = [];
      if (!isIsoDate(period.from)) errors.push({ field: 'from', message: 'From must be a real date, like 2026-01-01' });
      if (!isIsoDate(period.to)) errors.push({ field: 'to', message: 'To must be a real date, like 2026-03-31' });
      if (errors.length === 0 && period.to < period.from) errors.push({ field: 'to', message: 'To must be the same as or after from' });
      if (errors.length === 0 && period.to > addDays(period.from, 3 * 366)) errors.push({ field: 'to', message: 'The period may be at most three years' });
      if (errors.length) throw new ValidationProblem(errors);
      return db.transaction().execute(async (tx) => {
        const rule = await store.getRule(tx, actor.partnershipId);
        const report = await store.missingReport(tx, actor.partnershipId, { ...period, start: ukDayStart(period.from), end: ukDayStart(addDays(period.to, 1)) }, rule);
        await recordAudit(tx, actor.partnershipId, auditActor(actor), { action: 'missing.report_viewed', resourceType: 'report', details: period });
        return { report, rule };
      });
    },
  };

  async function raiseRepeatAlert(tx: Db, actor: Actor, personId: string, episodeId: string, name: string, rule: RepeatMissingRule) {
    const alertId = randomUUID();
    await store.insertAlert(tx, actor.partnershipId, alertId, personId, episodeId, rule);
    const recipients = await store.hubUserIds(tx, actor.partnershipId);
    await notify(tx, actor.partnershipId, recipients, {
      kind: 'repeat_missing',
      title: `Repeat missing: ${name}`,
      body: `${name} has been reported missing ${rule.episodes} or more times within ${rule.withinDays} days. Consider a strategy meeting.`,
      link: `/people/${personId}/missing`,
      personId,
    });
    await recordAudit(tx, actor.partnershipId, auditActor(actor), {
      action: 'repeat_missing.alerted',
      resourceType: 'repeat_missing_alert',
      resourceId: alertId,
      personId,
      details: { episodeId, rule, notified: recipients.length },
    });
  }

  return service;
}

/** JPEG or PNG from the file's first bytes (the browser's content type is not trusted), or null. */
export function imageType(data: Buffer): 'image/jpeg' | 'image/png' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** The last full calendar quarter before the UK date `today` (YYYY-MM-DD). */
export function lastQuarter(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // 0..3, the current quarter
  const [year, quarter] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const startMonth = quarter * 3 + 1;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const nextStart = quarter === 3 ? `${year + 1}-01-01` : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(nextStart, -1) };
}

export { DECLINE_REASONS, Problem };
export type MissingService = ReturnType<typeof missingService>;
