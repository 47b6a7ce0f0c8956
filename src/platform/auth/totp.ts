// TOTP two-factor authentication (RFC 6238) with otpauth; QR codes for enrolment with qrcode.
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const totpFor = (secret: string, label = 'user') =>
  new TOTP({ issuer: 'Jigsaw', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

export function verifyTotp(secret: string, code: string): boolean {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  return totpFor(secret).validate({ token: clean, window: 1 }) !== null;
}

export const currentTotp = (secret: string) => totpFor(secret).generate();

export async function totpQrSvg(secret: string, email: string): Promise<string> {
  return QRCode.toString(totpFor(secret, email).toString(), { type: 'svg', margin: 1, width: 200 });
}
