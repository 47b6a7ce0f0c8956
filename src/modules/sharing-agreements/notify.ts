// The notification of an agreement overdue for review, to information governance (the notifications module's
// consumer runs it on `sharing_agreement.review_overdue`, in the daily check's transaction).
import type { DomainEvent } from '../../platform/events/events.ts';
import { formatDate } from '../../platform/time.ts';

export const SHARING_AGREEMENT_MAKERS = {
  'sharing_agreement.review_overdue': async (_tx: unknown, event: DomainEvent) => {
    const c = event.changes as { title?: string; reviewDate?: string };
    if (!event.subject.id) return [];
    return [
      {
        roles: ['information_governance'],
        notification: {
          kind: 'sharing_agreement_overdue',
          title: `Data sharing agreement overdue for review: ${c.title ?? 'an agreement'}`,
          body: `Its review date${c.reviewDate ? `, ${formatDate(c.reviewDate)},` : ''} has passed. Review the agreement and record the next review date.`,
          link: `/admin/sharing-agreements/${event.subject.id}`,
        },
      },
    ];
  },
};
