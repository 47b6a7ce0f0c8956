// How often a review's recommendations are due an update (issue 13.2): setting it schedules the next update of each
// recommendation not completed that has no date yet.
import { notFound } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { nextUpdateOn } from './domain.ts';
import { SetCadenceInput } from './schemas.ts';
import * as store from './store.ts';
import { reviewView } from './use-cases.ts';

/** How often updates are due; setting it makes one due on the cadence for each recommendation not completed with none. */
export const setCadence = useCase({
  name: 'reviews.set_cadence',
  permission: ['review', 'update'],
  input: SetCadenceInput,
  async run({ db, actor, now }, { id, updateCadence }) {
    const review = await store.reviewById(db, actor.partnershipId, id);
    if (!review) throw notFound('The review');
    const scheduled = await store.setCadence(db, actor.partnershipId, id, updateCadence, updateCadence ? nextUpdateOn(ukDate(now), updateCadence) : null);
    return { from: review.update_cadence, scheduled, ...(await reviewView(db, actor.partnershipId, id, ukDate(now))) };
  },
  audit: {
    change: 'review.cadence_set',
    subject: (r) => ({ type: 'review', id: r.id, details: { from: r.from, updateCadence: r.updateCadence, scheduled: r.scheduled } }),
  },
});
