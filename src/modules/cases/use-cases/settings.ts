// The partnership's case settings: weeks between reviews by risk level, and the reasons a case may be closed for.
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { DEFAULT_REVIEW_WEEKS } from '../domain.ts';
import { CaseSettingsBody } from '../schemas.ts';
import * as store from '../store.ts';
import { closureReasonsOf } from './read.ts';

export const caseSettings = useCase({
  name: 'cases.settings',
  permission: ['case', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const weeks = { ...DEFAULT_REVIEW_WEEKS, ...(await store.reviewIntervals(db, actor.partnershipId)) };
    return { reviewWeeks: { high: weeks.high, medium: weeks.medium, low: weeks.low }, closureReasons: await closureReasonsOf(db, actor.partnershipId) };
  },
  audit: { none: 'the partnership’s settings: no person' },
});

export const setCaseSettings = useCase({
  name: 'cases.setSettings',
  permission: ['case', 'manage'],
  input: CaseSettingsBody,
  async run(ctx, input) {
    const { db, actor } = ctx;
    const codes = input.closureReasons?.map((r) => r.code) ?? [];
    if (new Set(codes).size !== codes.length) throw new ValidationProblem([{ field: 'closureReasons', message: 'Each closing reason needs its own code' }]);
    if (input.reviewWeeks) await store.setReviewIntervals(db, actor.partnershipId, input.reviewWeeks);
    if (input.closureReasons) await store.setClosureReasons(db, actor.partnershipId, input.closureReasons);
    return { ...(await ctx.call(caseSettings, undefined)), changed: input };
  },
  audit: { change: 'case_settings.changed', subject: (s) => ({ type: 'partnership', id: null, details: s.changed }) },
});
