// The child's chronology: one list of everything about the person that the viewer may see, built from the domain
// events every module writes. Reading it is a person-level read, audited.
//
// Paging is by offset, with page numbers: one person has hundreds of events, not millions, so the index range
// (partnership_id, person_id, at desc) is short and an offset into it is cheap, while page numbers are what the
// GOV.UK pagination component and a printed chronology refer to. The total counts only what the viewer may see.
import { chronologyViewer } from '../../platform/access/rules.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { addDays, ukDayStart } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { withCaseWork } from '../cases/access.ts';
import { agencyInvolved, readablePerson } from '../people/use-cases.ts';
import { describe, type Kind, LISTED_NAMES, namesByAccess } from './domain.ts';
import { ChronologyQuery } from './schemas.ts';
import * as store from './store.ts';

export interface ChronologyItem {
  id: string;
  at: Date;
  kind: Kind;
  kindLabel: string;
  event: string;
  text: string;
  by: string;
  subject: { type: string; id: string | null };
  /** The record the event was written about: this person's, or one merged into it. */
  personId: string;
}

export interface ChronologyPage {
  personId: string;
  items: ChronologyItem[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export const personChronology = useCase({
  name: 'chronology.person',
  permission: ['person', 'read'],
  input: ChronologyQuery,
  async run({ db, actor }, q): Promise<ChronologyPage> {
    if (q.from && q.to && q.to < q.from) throw new ValidationProblem([{ field: 'to', message: 'The end date must be the same as or after the start date' }]);
    await readablePerson(db, actor, q.id);
    const viewer = chronologyViewer(actor, await withCaseWork(db, actor, q.id, await agencyInvolved(db, actor, q.id)));
    const { byAccess, other } = namesByAccess(q.kinds ?? []);
    const filter: store.EventFilter = {
      byAccess,
      other,
      listed: LISTED_NAMES,
      from: q.from ? ukDayStart(q.from) : undefined,
      before: q.to ? ukDayStart(addDays(q.to, 1)) : undefined,
    };
    const pageSize = q.pageSize ?? DEFAULT_PAGE_SIZE;
    const page = q.page ?? 1;
    const personIds = await store.mergedInto(db, actor.partnershipId, q.id);
    const { rows, total } = await store.chronology(db, actor.partnershipId, personIds, viewer, filter, { offset: (page - 1) * pageSize, limit: pageSize });
    const items = rows.map((r): ChronologyItem => {
      const { kind, kindLabel, text } = describe(r.name, r.changes, { personId: q.id, eventPersonId: r.person_id });
      return {
        id: r.id,
        at: r.at,
        kind,
        kindLabel,
        event: r.name,
        text,
        by: r.actor_label,
        subject: { type: r.subject_type, id: r.subject_id },
        personId: r.person_id,
      };
    });
    return { personId: q.id, items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
  },
  audit: {
    read: 'chronology.viewed',
    subject: (out, q) => ({
      type: 'person',
      id: out.personId,
      personId: out.personId,
      details: { kinds: q.kinds ?? [], from: q.from ?? null, to: q.to ?? null, page: out.page, shown: out.items.length, total: out.total },
    }),
  },
});
