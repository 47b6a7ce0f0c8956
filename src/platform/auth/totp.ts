// TOTP two-factor authentication (RFC 6238) with otpauth; QR codes for enrolment with qrcode.
import { Secret, TOTP } from 'otpauth';

const totpFor = (secret: string, label = 'user') =>
  new TOTP({ issuer: 'Jigsaw', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The time step the code belongs to (within one step of now), or null when it is not valid. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secret).validate({ token: clean, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** The code for now, or `stepsAhead` steps later (a second sign-in within 30 seconds needs the next code). */
export const currentTotp = (secret: string, stepsAhead = 0) => totpFor(secret).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

export async function totpQrSvg(secret: string, email: string): Promise<string> {
  const { default: QRCode } = await import('qrcode'); // only when a user sets up two-factor
  return QRCode.toString(totpFor(secret, email).toString(), { type: 'svg', margin: 1, width: 200 });
}
