// UK postcode parsing into the geographic hierarchy used by the comparison levels.
// "B1 1AA": area "B", district "B1", sector "B1 1", full "B1 1AA".

export interface PostcodeValue {
  full: string;
  /** Null when the code is not UK-shaped (e.g. the 4-digit Australian codes in FEBRL). */
  sector: string | null;
  district: string | null;
  area: string | null;
}

const UK = /^([A-Z]{1,2})(\d[A-Z\d]?)(\d)([A-Z]{2})$/;

export function parsePostcode(raw: string | null | undefined): PostcodeValue | null {
  const compact = (raw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact === '') return null;
  const m = UK.exec(compact);
  if (!m) return { full: compact, sector: null, district: null, area: null };
  const outward = m[1] + m[2];
  return { full: `${outward} ${m[3]}${m[4]}`, sector: `${outward} ${m[3]}`, district: outward, area: m[1] };
}
