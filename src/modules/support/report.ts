// Support referrals and waiting times by service for a period (issue 19.7): counts sent, accepted, declined and
// started, the median and longest wait (sent to started, days). Scrutiny members (and anyone who may not see exact
// counts, or who asks for the published version) get the partnership's disclosure rule (default: counts of 1 to 5
// as `c`), and waits only where the started
// count is shown, so a wait never describes one or a few children.
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { periodErrors } from '../../platform/http/schemas.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type Cell, describeDisclosureRule, suppressCount } from '../reports/disclosure.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import { median, waitingDays } from './domain.ts';
import { ReportInput } from './schemas.ts';
import * as store from './store.ts';

export const supportReport = useCase({
  name: 'support.report',
  permission: ['report', 'read'],
  input: ReportInput,
  noTransaction: true,
  async run({ db, actor }, { from, to, publish }) {
    const errors = periodErrors({ from, to });
    if (errors.length) throw new ValidationProblem(errors);
    const exact = maySeeExactCounts(actor) && publish !== true;
    const rule = exact ? null : await disclosureRuleFor(db, actor.partnershipId);
    const c = (n: number): Cell => (rule ? suppressCount(n, rule) : n);
    const [services, rows] = await Promise.all([store.listServices(db, actor.partnershipId), store.referralsSentIn(db, actor.partnershipId, from, to)]);
    const byService = services.map((s) => {
      const mine = rows.filter((r) => r.service_id === s.id);
      const decided = (st: string[]) => mine.filter((r) => st.includes(r.status)).length;
      const waits = mine.map((r) => waitingDays(r.sent_on, r.started_on)).filter((d): d is number => d !== null);
      const started = c(waits.length);
      return {
        serviceId: s.id,
        serviceName: s.name,
        sent: c(mine.length),
        accepted: c(decided(['accepted', 'started', 'ended'])),
        declined: c(decided(['declined'])),
        started,
        medianWaitingDays: started === 'c' ? ('c' as const) : median(waits),
        longestWaitingDays: started === 'c' ? ('c' as const) : waits.length ? Math.max(...waits) : null,
      };
    });
    return { from, to, published: !exact, disclosure: rule ? describeDisclosureRule(rule) : null, services: byService };
  },
  audit: { none: 'counts and waiting days by service, no child named' },
});
