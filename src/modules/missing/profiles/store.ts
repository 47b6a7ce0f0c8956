// SQL for Philomena Protocol profiles and their photos.
import type { Db } from '../../../platform/db/connect.ts';

export function profile(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('philomena_profile')
    .select([
      'person_id',
      'description',
      'associates',
      'places',
      'phones',
      'social_media',
      'medical_needs',
      'other_information',
      'photo_type',
      'photo_updated_at',
      'updated_at',
    ])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export interface ProfileRecord {
  description: string | null;
  associates: string | null;
  places: string | null;
  phones: string | null;
  socialMedia: string | null;
  medicalNeeds: string | null;
  otherInformation: string | null;
}

export async function putProfile(
  tx: Db,
  partnershipId: string,
  personId: string,
  p: ProfileRecord,
  photo: { data: Buffer; type: string } | null,
  userId: string,
) {
  const values = {
    description: p.description,
    associates: p.associates,
    places: p.places,
    phones: p.phones,
    social_media: p.socialMedia,
    medical_needs: p.medicalNeeds,
    other_information: p.otherInformation,
    updated_by: userId,
    updated_at: new Date(),
    ...(photo ? { photo: photo.data, photo_type: photo.type, photo_updated_at: new Date() } : {}),
  };
  await tx
    .insertInto('philomena_profile')
    .values({ partnership_id: partnershipId, person_id: personId, ...values })
    .onConflict((oc) => oc.columns(['partnership_id', 'person_id']).doUpdateSet(values))
    .execute();
}

export function photo(db: Db, partnershipId: string, personId: string) {
  return db
    .selectFrom('philomena_profile')
    .select(['photo', 'photo_type'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('photo', 'is not', null)
    .executeTakeFirst();
}
