// Philomena Protocol profiles: what the police need at once when a child goes missing. Viewing, printing and the
// photo are each audited; only those who may see the child's missing records see them.

import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { aliasesOf } from '../../people/use-cases.ts';
import { imageType, photoErrors } from '../domain.ts';
import * as profiles from '../profiles/store.ts';
import { PersonId, ProfileInput } from '../schemas.ts';
import { childInScope } from './access.ts';

async function profileView(db: Db, actor: Actor, personId: string) {
  const person = await childInScope(db, actor, personId, 'read');
  const [p, aliases] = await Promise.all([profiles.profile(db, actor.partnershipId, personId), aliasesOf(db, actor, personId)]);
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
}
export type ProfileView = Awaited<ReturnType<typeof profileView>>;

const subject = (p: ProfileView) => ({ type: 'philomena_profile', id: p.person.id, personId: p.person.id });

export const getProfile = useCase({
  name: 'missing.get_profile',
  permission: ['missing', 'read'],
  input: PersonId,
  run: ({ db, actor }, { personId }) => profileView(db, actor, personId),
  audit: { read: 'philomena_profile.viewed', subject },
});

/** The same profile for printing (to hand to the police): printing is audited as such. */
export const printProfile = useCase({
  name: 'missing.print_profile',
  permission: ['missing', 'read'],
  input: PersonId,
  run: ({ db, actor }, { personId }) => profileView(db, actor, personId),
  audit: { read: 'philomena_profile.printed', subject },
});

const clean = (v: string | null | undefined) => (typeof v === 'string' ? v.trim() || null : null);

export const saveProfile = useCase({
  name: 'missing.save_profile',
  permission: ['missing', 'update'],
  input: ProfileInput,
  async run({ db, actor }, { personId, photo, ...f }) {
    const upload = photo && photo.byteLength > 0 ? photo : null;
    if (upload) {
      const errors = photoErrors(upload);
      if (errors.length > 0) throw new ValidationProblem(errors);
    }
    await childInScope(db, actor, personId, 'update');
    const record: profiles.ProfileRecord = {
      description: clean(f.description),
      associates: clean(f.associates),
      places: clean(f.places),
      phones: clean(f.phones),
      socialMedia: clean(f.socialMedia),
      medicalNeeds: clean(f.medicalNeeds),
      otherInformation: clean(f.otherInformation),
    };
    const image = upload ? { data: Buffer.from(upload), type: imageType(upload) as string } : null;
    await profiles.putProfile(db, actor.partnershipId, personId, record, image, actor.userId);
    return { personId, photo: !!image };
  },
  audit: {
    change: 'philomena_profile.updated',
    subject: (r) => ({ type: 'philomena_profile', id: r.personId, personId: r.personId, details: { photo: r.photo } }),
  },
});

/** The profile photo, served only to those who may see the child; each view is audited. */
export const getPhoto = useCase({
  name: 'missing.get_photo',
  permission: ['missing', 'read'],
  input: PersonId,
  async run({ db, actor }, { personId }) {
    await childInScope(db, actor, personId, 'read');
    const p = await profiles.photo(db, actor.partnershipId, personId);
    if (!p?.photo || !p.photo_type) throw notFound('The photo');
    return { personId, data: Buffer.from(p.photo), type: p.photo_type };
  },
  audit: { read: 'philomena_photo.viewed', subject: (p) => ({ type: 'philomena_profile', id: p.personId, personId: p.personId }) },
});
