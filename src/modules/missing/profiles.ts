// Philomena Protocol profiles: the photo's rules. The type is read from the file's first bytes; the browser's
// content type is not trusted.
import type { FieldError } from './episodes.ts';

/** Photos on Philomena profiles: JPEG or PNG, at most this many bytes. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** JPEG or PNG from the file's first bytes, or null. */
export function imageType(data: Uint8Array): 'image/jpeg' | 'image/png' | null {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export function photoErrors(photo: Uint8Array): FieldError[] {
  if (photo.byteLength > PHOTO_MAX_BYTES) return [{ field: 'photo', message: `The photo must be ${PHOTO_MAX_BYTES / 1024 / 1024} MB or smaller` }];
  if (!imageType(photo)) return [{ field: 'photo', message: 'The photo must be a JPEG or PNG image' }];
  return [];
}
