// Flags that travel (issue 19.6, the NHS CP-IS model). The hub coordinator (or a worker on the child's case whose
// agency leads it) sets a flag "at risk of exploitation" with dates and who to contact, and ends it. A partner system
// (role flag_lookup) looks a child up by NHS number or by exact name and date of birth and gets only the flag, its
// dates and the contact, or "no flag" in the same shape for anyone else. Every look-up is audited (the identifiers
// as keyed digests); a look-up that finds a flag is also a domain event about the child, which tells the case's lead
// agency who looked, when and from which organisation (notify.ts), and shows in the chronology.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Actor } from '../../platform/access/actor.ts';
import { mayChangeFlag, mayOnCase } from '../../platform/access/rules.ts';
import { typedValues } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { forbidden, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { Uuid } from '../../platform/http/schemas.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { flagErrors, identify } from './domain.ts';
import { EndFlagInput, FlagInput, LookupQuery, PersonRef } from './schemas.ts';
import * as store from './store.ts';
import { answerOf, flagView, NO_FLAG } from './view.ts';

async function mayChange(db: Db, actor: Actor, personId: string, action: 'create' | 'update') {
  const facts = await caseFacts(db, actor, personId, { caseWorker: true });
  return mayChangeFlag(actor, action, { ...facts, leadAgencyId: await store.leadAgencyOf(db, actor.partnershipId, personId) });
}

/** The child's flags (in force and past): whoever may read the child's case. */
export const personFlags = useCase({
  name: 'flags.ofPerson',
  permission: ['flag', 'read'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    if (!mayOnCase(actor, 'read', await caseFacts(db, actor, personId))) throw forbidden('You do not work this case');
    const flags = (await store.flagsOfPerson(db, actor.partnershipId, personId)).map((f) => flagView(f, ukDate(now)));
    const mayCreate = await mayChange(db, actor, personId, 'create');
    return { personId, flags, current: flags.find((f) => f.endedAt === null) ?? null, maySet: mayCreate };
  },
  audit: { read: 'flag.viewed', subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { flags: r.flags.length } }) },
});

const flagSubject = (f: ReturnType<typeof flagView>) => ({
  type: 'person_flag',
  id: f.id,
  personId: f.personId,
  details: { flag: f.flag, from: f.from, until: f.until, contactName: f.contact.name, contactAgency: f.contact.agency },
});

export const setFlag = useCase({
  name: 'flags.set',
  permission: ['flag', 'create'],
  input: FlagInput,
  async run({ db, actor, now }, input) {
    if (!(await mayChange(db, actor, input.personId, 'create')))
      throw forbidden('Only the hub coordinator, or a worker on the child’s case in its lead agency, sets a flag');
    const errors = flagErrors(input);
    if (errors.length) throw new ValidationProblem(errors);
    const existing = await store.flagsOfPerson(db, actor.partnershipId, input.personId);
    if (existing.some((f) => f.ended_at === null)) throw new Problem(409, 'Conflict', 'This child already has a flag. End it before setting another.');
    const id = randomUUID();
    const t = (v: string | undefined) => v?.trim() || null;
    await store.insertFlag(db, {
      partnership_id: actor.partnershipId,
      id,
      person_id: input.personId,
      from_on: input.from,
      until_on: input.until ?? null,
      contact_name: input.contactName.trim(),
      contact_phone: t(input.contactPhone),
      contact_email: t(input.contactEmail),
      contact_agency: input.contactAgency.trim(),
      set_by: actor.userId,
      set_at: now,
    });
    const row = (await store.flagsOfPerson(db, actor.partnershipId, input.personId)).find((f) => f.id === id)!;
    return flagView(row, ukDate(now));
  },
  audit: { change: 'flag.set', subject: flagSubject },
});

export const endFlag = useCase({
  name: 'flags.end',
  permission: ['flag', 'update'],
  input: EndFlagInput,
  async run({ db, actor, now }, { personId, flagId }) {
    if (!(await mayChange(db, actor, personId, 'update')))
      throw forbidden('Only the hub coordinator, or a worker on the child’s case in its lead agency, ends a flag');
    const row = (await store.flagsOfPerson(db, actor.partnershipId, personId)).find((f) => f.id === flagId);
    if (!row) throw notFound('The flag');
    if (!(await store.endFlag(db, actor.partnershipId, personId, flagId, actor.userId, now))) throw new Problem(409, 'Conflict', 'This flag has already ended');
    const ended = (await store.flagsOfPerson(db, actor.partnershipId, personId)).find((f) => f.id === flagId)!;
    return flagView(ended, ukDate(now));
  },
  audit: { change: 'flag.ended', subject: flagSubject },
});

/** A look-up that found a flag, as an event about the child: the lead agency hears of it (notify.ts). */
export const reportLookup = useCase({
  name: 'flags.reportLookup',
  permission: ['flag', 'lookup'],
  input: Type.Object({ personId: Uuid, flagId: Uuid }, { additionalProperties: false }),
  async run({ db, actor, now }, { personId, flagId }) {
    const organisation = (await store.agencyName(db, actor.partnershipId, actor.agencyId)) ?? 'an unknown organisation';
    return { personId, flagId, lookedUpBy: actor.name, organisation, at: now.toISOString() };
  },
  audit: {
    change: 'flag.lookup_reported',
    subject: (r) => ({
      type: 'person_flag',
      id: r.flagId,
      personId: r.personId,
      details: { lookedUpBy: r.lookedUpBy, organisation: r.organisation, at: r.at },
    }),
  },
});

/**
 * The partner system's question. The answer never says whether the person exists: anything but a flag in force is
 * `{ flag: null }`. The audit event names the flagged child as its subject; otherwise it has no subject and keeps the
 * identifiers only as keyed digests (typed text: platform/audit/typed.ts).
 */
export const lookupFlag = useCase({
  name: 'flags.lookup',
  permission: ['flag', 'lookup'],
  input: LookupQuery,
  async run(ctx, q) {
    const { identified, errors } = identify(q);
    if (!identified) throw new ValidationProblem(errors);
    const row = await store.flagInForce(ctx.db, ctx.actor.partnershipId, identified, ukDate(ctx.now));
    if (row) await ctx.call(reportLookup, { personId: row.person_id, flagId: row.id });
    const { by, ...identifiers } = identified;
    return { answer: row ? answerOf(row) : NO_FLAG, personId: row?.person_id ?? null, flagId: row?.id ?? null, by, identifiers };
  },
  audit: {
    read: 'flag.looked_up',
    subject: (r) => ({
      type: r.personId ? 'person_flag' : 'flag_lookup',
      id: r.flagId,
      personId: r.personId,
      details: { by: r.by, answer: r.personId ? 'flag' : 'no flag', ...typedValues(r.identifiers) },
    }),
  },
});
