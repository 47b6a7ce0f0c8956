// E-mail of notifications, through the job queue: enqueued in the change's transaction (consumer.ts), sent by the
// worker (delivery.ts). One job per notification (key `notification:<id>`; the notification is one per event and
// user), or one digest job per user and day for those who chose a daily digest. The job re-reads the notification
// and skips one already e-mailed, so a job run twice after a crash before it was marked done is the one duplicate
// left possible (at least once), and the key rides along as the Message-ID / Notify reference.
import icalGenerator, { ICalCalendarMethod } from 'ical-generator';
import type { Db } from '../../platform/db/connect.ts';
import type { Job } from '../../platform/jobs/store.ts';
import { enqueue } from '../../platform/jobs/store.ts';
import type { MailTransport } from '../../platform/mail/transport.ts';
import * as mailStore from './mail/store.ts';
import { digestEmail, nextDigestAt, singleEmail, type Trigger, triggerOf } from './triggers.ts';

export const EMAIL_QUEUE = 'notification.email';
export const DIGEST_QUEUE = 'notification.digest';

export interface MeetingInvite {
  meetingId: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
}

export async function enqueueEmails(
  tx: Db,
  partnershipId: string,
  kind: string,
  rows: { id: string; user_id: string }[],
  meeting: MeetingInvite | undefined,
  now: Date,
): Promise<number> {
  const trigger = triggerOf(kind);
  if (!trigger || rows.length === 0) return 0;
  if (!(await mailStore.triggerSettings(tx, partnershipId))[trigger]) return 0;
  const digest = await mailStore.digestUsers(
    tx,
    partnershipId,
    rows.map((r) => r.user_id),
  );
  let n = 0;
  await mailStore.holdForDigest(
    tx,
    partnershipId,
    rows.filter((r) => digest.has(r.user_id)).map((r) => r.id),
  );
  for (const r of rows) {
    if (digest.has(r.user_id)) {
      const at = nextDigestAt(now);
      const key = `digest:${partnershipId}:${r.user_id}:${at.toISOString().slice(0, 10)}`;
      if (await enqueue(tx, { queue: DIGEST_QUEUE, key, payload: { partnershipId, userId: r.user_id }, runAt: at })) n++;
    } else if (
      await enqueue(tx, { queue: EMAIL_QUEUE, key: `notification:${r.id}`, payload: { partnershipId, notificationId: r.id, ...(meeting ? { meeting } : {}) } })
    )
      n++;
  }
  return n;
}

/** An invitation's calendar entry: the time, the place and a link; the meeting's title stays behind sign-in. */
export function invitationIcs(m: MeetingInvite, link: string): string {
  const start = new Date(m.startsAt);
  const cal = icalGenerator({ name: 'Jigsaw', method: ICalCalendarMethod.REQUEST, prodId: { company: 'Jigsaw', product: 'notifications' } });
  cal.createEvent({
    id: `${m.meetingId}@jigsaw`,
    start,
    end: m.endsAt ? new Date(m.endsAt) : new Date(start.getTime() + 60 * 60 * 1000),
    summary: 'Jigsaw meeting',
    description: `Details and papers: ${link}`,
    location: m.location ?? undefined,
    url: link,
  });
  return cal.toString();
}

export function emailHandlers(db: Db, transport: MailTransport, publicUrl: string) {
  const url = (path: string | null) => new URL(path ?? '/notifications', publicUrl).toString();
  return {
    [EMAIL_QUEUE]: async (job: Job) => {
      const { partnershipId, notificationId, meeting } = job.payload as { partnershipId: string; notificationId: string; meeting?: MeetingInvite };
      const n = await mailStore.notificationForEmail(db, partnershipId, notificationId);
      const trigger = n ? triggerOf(n.kind) : null;
      if (!n || !trigger || n.emailed_at || !n.active) return;
      const link = url(n.link);
      const content = singleEmail(trigger, n.name, link);
      await transport.send({ to: n.email, ...content, reference: job.key, ...(meeting ? { ical: invitationIcs(meeting, link) } : {}) });
      await mailStore.markEmailed(db, partnershipId, [n.id]);
    },
    [DIGEST_QUEUE]: async (job: Job) => {
      const { partnershipId, userId } = job.payload as { partnershipId: string; userId: string };
      const user = await mailStore.userForEmail(db, partnershipId, userId);
      if (!user?.active) return;
      const settings = await mailStore.triggerSettings(db, partnershipId);
      const items = (await mailStore.undigested(db, partnershipId, userId)).filter((i) => {
        const t = triggerOf(i.kind);
        return t !== null && settings[t];
      });
      if (items.length === 0) return;
      const counts: Partial<Record<Trigger, number>> = {};
      for (const i of items) {
        const t = triggerOf(i.kind) as Trigger;
        counts[t] = (counts[t] ?? 0) + 1;
      }
      await transport.send({ to: user.email, ...digestEmail(user.name, counts, url('/notifications')), reference: job.key, digest: true });
      await mailStore.markEmailed(
        db,
        partnershipId,
        items.map((i) => i.id),
      );
    },
  };
}
