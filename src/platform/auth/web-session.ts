// What the sign-in pages share: cookie options, the only redirects allowed after signing in, and the step that sets
// the renewed session cookie and sends the user on.
import type { FastifyReply } from 'fastify';
import type { Config } from '../../config.ts';
import { paths } from '../http/paths.ts';
import { SESSION_COOKIE } from './hooks.ts';
import type { SignInResult } from './service.ts';

export const RETURN_COOKIE = 'jigsaw_return';

export const cookieOptions = (config: Config) => ({ path: '/', httpOnly: true, secure: config.secureCookies, sameSite: 'lax' as const });

// Control characters (browsers drop tabs and newlines from URLs, so "/\t/evil.example" becomes "//evil.example"),
// backslashes (read as "/"), and anything that is not printable ASCII.
const hasUnsafe = (v: string) => [...v].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f));
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const BASE = 'http://jigsaw.invalid';

function isSitePath(v: string): boolean {
  if (!v.startsWith('/') || v.startsWith('//') || hasUnsafe(v) || SCHEME.test(v)) return false;
  try {
    return new URL(v, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/**
 * Only a path on this site, so a crafted link cannot send someone elsewhere after signing in: the value and each
 * decoding of it must start with one "/", and hold no scheme, "//" at the start, backslash or control character.
 * Anything else goes to the home page.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !/^\/[\x21-\x7e]*$/.test(value)) return paths.home();
  let v = value;
  for (let layer = 0; layer < 5; layer++) {
    if (!isSitePath(v)) return paths.home();
    let decoded: string;
    try {
      decoded = decodeURIComponent(v);
    } catch {
      return paths.home();
    }
    if (decoded === v) return value;
    v = decoded;
  }
  return paths.home();
}

/** After the password (or single sign-on): the new session's cookie, then the second factor or the page asked for. */
export function afterFirstStep(reply: FastifyReply, config: Config, result: Extract<SignInResult, { outcome: 'signed_in' }>, returnTo: string) {
  reply.setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions(config));
  if (result.next === 'done') return reply.redirect(returnTo);
  reply.setCookie(RETURN_COOKIE, returnTo, cookieOptions(config));
  return reply.redirect(result.next === 'mfa' ? paths.twoFactor() : paths.twoFactorSetup());
}

/** Where to go once two-factor is passed; sets the renewed session's cookie when there is one. */
export function finishTarget(reply: FastifyReply, config: Config, sessionToken: string | null): string {
  if (sessionToken) reply.setCookie(SESSION_COOKIE, sessionToken, cookieOptions(config));
  const to = safeReturnTo(reply.request.cookies[RETURN_COOKIE]);
  reply.clearCookie(RETURN_COOKIE, { path: '/' });
  return to;
}
