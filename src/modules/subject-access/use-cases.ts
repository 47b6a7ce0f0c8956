// Subject access: information governance reviews everything held about a person (what to redact marked), and
// releases the copy with it redacted; each release is logged (what, when, to whom) as well as audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { auditActor } from '../../platform/access/actor.ts';
import type { Db } from '../../platform/db/connect.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { readablePerson } from '../people/use-cases.ts';
import { buildExport, type Export, recordCount } from './domain.ts';
import { SubjectAccessPreview, SubjectAccessRelease } from './schemas.ts';
import * as store from './store.ts';

async function gather(db: Db, actor: Actor, personId: string, copy: Export['copy'], now: Date) {
  const p = await readablePerson(db, actor, personId);
  const [found, names] = await Promise.all([
    store.everythingAbout(db, actor.partnershipId, personId),
    store.linkedThirdParties(db, actor.partnershipId, personId),
  ]);
  const dob = p.date_of_birth as unknown;
  const person = {
    id: p.id,
    name: `${p.given_name} ${p.family_name}`,
    dateOfBirth: dob instanceof Date ? dob.toISOString().slice(0, 10) : ((dob as string | null) ?? null),
  };
  return buildExport(person, found, names, copy, now);
}

/** The review copy: everything, with what the release copy withholds marked. */
export const previewSubjectAccess = useCase({
  name: 'subject_access.preview',
  permission: ['subject_access', 'read'],
  input: SubjectAccessPreview,
  async run({ db, actor, now }, { personId }) {
    const review = await gather(db, actor, personId, 'review', now);
    const [releases, rectifications] = await Promise.all([
      store.releases(db, actor.partnershipId, personId),
      store.rectifications(db, actor.partnershipId, personId),
    ]);
    return { export: review, releases, rectifications };
  },
  audit: {
    read: 'subject_access.previewed',
    subject: (o) => ({ type: 'person', id: o.export.person.id, personId: o.export.person.id, details: { records: recordCount(o.export) } }),
  },
});

/** The release copy, redacted, and the log of its release. */
export const releaseSubjectAccess = useCase({
  name: 'subject_access.release',
  permission: ['subject_access', 'create'],
  input: SubjectAccessRelease,
  async run({ db, actor, now }, input) {
    const release = await gather(db, actor, input.personId, 'release', now);
    const id = randomUUID();
    const who = auditActor(actor);
    await store.logRelease(db, {
      partnershipId: actor.partnershipId,
      id,
      personId: input.personId,
      by: who.id,
      byLabel: who.label,
      to: input.releasedTo.trim(),
      format: input.format,
      sections: release.sections.length,
      records: recordCount(release),
      redactions: release.redactions,
    });
    return { id, releasedTo: input.releasedTo.trim(), format: input.format, export: release };
  },
  audit: {
    change: 'subject_access.released',
    subject: (o) => ({
      type: 'subject_access_release',
      id: o.id,
      personId: o.export.person.id,
      details: { format: o.format, records: recordCount(o.export), redactions: o.export.redactions },
    }),
  },
});
