// Notices about a missing episode: the default text for the officer to check and edit, recording one as sent, and
// reading one back.

import { randomUUID } from 'node:crypto';
import { notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { claimRetryKey } from '../../../platform/idempotency/retry.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { type NoticeKind, noticeText } from '../domain.ts';
import * as notices from '../notices/store.ts';
import { Id, NoticeDraftInput, NoticeInput } from '../schemas.ts';
import * as store from '../store.ts';
import { toView } from '../view.ts';
import { childInScope, episodeInScope } from './access.ts';

/** A notice to a placing authority is for a child placed here by another authority, and only then. */
const notPlaced = () =>
  new ValidationProblem([{ field: 'kind', message: 'This child was not placed here by another local authority: there is no placing authority to tell' }]);

export const draftNotice = useCase({
  name: 'missing.draft_notice',
  permission: ['missing', 'update'],
  input: NoticeDraftInput,
  async run({ db, actor, now }, { id, kind }) {
    const e = toView(await episodeInScope(db, actor, id, 'update'), now);
    if (kind === 'placing_authority' && !e.placedByOtherLa) throw notPlaced();
    const body = noticeText(kind, {
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
      partnershipName: await store.partnershipName(db, actor.partnershipId),
      senderName: actor.name,
      interview: e.interview ? { ...e.interview, declineReason: e.interview.declinedReason } : null,
    });
    return { episode: e, kind, recipient: kind === 'placing_authority' ? (e.placingAuthority ?? '') : '', body };
  },
  audit: {
    read: 'missing_notice.drafted',
    subject: (d) => ({ type: 'missing_episode', id: d.episode.id, personId: d.episode.personId, details: { kind: d.kind } }),
  },
});

/** Records a notice as sent. A retry with the same idempotency key returns the first notice's id. */
export const recordNotice = useCase({
  name: 'missing.record_notice',
  permission: ['missing', 'update'],
  input: NoticeInput,
  async run({ db, actor, now }, { id: episodeId, idempotencyKey, sentAt: sent, ...n }) {
    const sentAt = sent ? new Date(sent) : now;
    const errors = [
      ...(n.recipient.trim() ? [] : [{ field: 'recipient', message: 'Enter who it was sent to' }]),
      ...(n.body.trim() ? [] : [{ field: 'body', message: 'Enter the text of the notice' }]),
      ...(sentAt.getTime() > now.getTime() + 60_000 ? [{ field: 'sentAt', message: 'Date sent must not be in the future' }] : []),
    ];
    if (errors.length > 0) throw new ValidationProblem(errors);
    if (n.kind === 'placing_authority' && !(await episodeInScope(db, actor, episodeId, 'update')).placed_by_other_la) throw notPlaced();
    const id = randomUUID();
    if (idempotencyKey) {
      const earlier = await claimRetryKey(db, actor, `notice:${idempotencyKey}`, id, { episodeId, sentAt: sent, ...n });
      if (earlier) return { id: earlier, created: false, personId: null, kind: n.kind, method: n.method, episodeId };
    }
    const row = await episodeInScope(db, actor, episodeId, 'update');
    await notices.insertNotice(db, actor.partnershipId, {
      id,
      episodeId,
      personId: row.person_id,
      kind: n.kind,
      recipient: n.recipient.trim(),
      method: n.method,
      sentAt,
      body: n.body.trim(),
      createdBy: actor.userId,
    });
    return { id, created: true, personId: row.person_id, kind: n.kind, method: n.method, episodeId };
  },
  audit: {
    change: 'missing_notice.recorded',
    subject: (r) =>
      r.created ? { type: 'missing_notice', id: r.id, personId: r.personId, details: { kind: r.kind, method: r.method, episodeId: r.episodeId } } : null,
  },
});

export const getNotice = useCase({
  name: 'missing.get_notice',
  permission: ['missing', 'read'],
  input: Id,
  async run({ db, actor }, { id }) {
    const n = await notices.findNotice(db, actor.partnershipId, id);
    if (!n) throw notFound('The notice');
    await childInScope(db, actor, n.person_id, 'read');
    return {
      id: n.id,
      episodeId: n.episode_id,
      personId: n.person_id,
      kind: n.kind as NoticeKind,
      recipient: n.recipient,
      method: n.method,
      sentAt: new Date(n.sent_at),
      body: n.body,
    };
  },
  audit: { read: 'missing_notice.viewed', subject: (n) => ({ type: 'missing_notice', id: n.id, personId: n.personId }) },
});
