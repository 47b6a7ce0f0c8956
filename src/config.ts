// Typed settings from the environment, checked once at start so a typo fails loudly rather than silently.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  requireMfa: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  secureCookies: boolean;
  logLevel: string;
  publicUrl: string;
  /** JIGSAW_AUDIT_KEY: hex, at least 32 bytes; the audit trail's HMAC key, held outside the database. */
  auditKey?: string;
  /** JIGSAW_AUDIT_KEY_FILE: a file holding the key instead. */
  auditKeyFile?: string;
  /** How often the sealer seals new audit events. */
  auditSealIntervalMs: number;
  /** `audit verify` fails when an event has waited longer than this to be sealed (the sealer is not running). */
  auditMaxUnsealedSeconds: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); none: the socket address is the client. */
  trustedProxies: string[];
  /** Single sign-on with OpenID Connect; null when not configured. */
  oidc: OidcConfig | null;
  /** E-mail (issue 12): SMTP or GOV.UK Notify, or null (notifications stay in-app). */
  mail: MailConfig | null;
  /** The job queue: first retry's wait (doubling after), and how long a claimed job is held. */
  jobBackoffMs: number;
  jobLeaseMs: number;
  jobPollMs: number;
  /** JIGSAW_METRICS_TOKEN: the bearer token Prometheus sends for /metrics; unset, /metrics answers no one. */
  metricsToken: string | undefined;
  /** JIGSAW_FLAG_LOOKUPS_PER_MINUTE: flag look-ups each partner system's token may make a minute (default 60). */
  flagLookupsPerMinute: number;
}

export type MailConfig =
  | { transport: 'smtp'; smtpUrl: string; from: string }
  | { transport: 'notify'; apiKey: string; baseUrl: string; templateId: string; digestTemplateId: string };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
}

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min} (got "${raw}")`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${env[name]}")`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function auditKey(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.JIGSAW_AUDIT_KEY?.trim();
  if (!raw) return undefined;
  if (!/^(?:[0-9a-fA-F]{2}){32,}$/.test(raw))
    throw new ConfigError('JIGSAW_AUDIT_KEY must be at least 64 hexadecimal characters (32 bytes), e.g. from `openssl rand -hex 32`');
  return raw;
}

function oidc(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.JIGSAW_OIDC_ISSUER || undefined;
  const clientId = env.JIGSAW_OIDC_CLIENT_ID || undefined;
  const clientSecret = env.JIGSAW_OIDC_CLIENT_SECRET || undefined;
  if (!issuer && !clientId) return null;
  if (!issuer || !clientId) throw new ConfigError('JIGSAW_OIDC_ISSUER and JIGSAW_OIDC_CLIENT_ID must be set together');
  try {
    new URL(issuer);
  } catch {
    throw new ConfigError(`JIGSAW_OIDC_ISSUER must be a URL (got "${issuer}")`);
  }
  return { issuer, clientId, clientSecret };
}

function mail(env: NodeJS.ProcessEnv): MailConfig | null {
  const smtpUrl = env.JIGSAW_SMTP_URL || undefined;
  const apiKey = env.JIGSAW_NOTIFY_API_KEY || undefined;
  if (smtpUrl && apiKey) throw new ConfigError('Set JIGSAW_SMTP_URL or JIGSAW_NOTIFY_API_KEY, not both');
  if (smtpUrl) {
    if (!/^smtps?:\/\//.test(smtpUrl)) throw new ConfigError(`JIGSAW_SMTP_URL must start smtp:// or smtps:// (got "${smtpUrl}")`);
    return { transport: 'smtp', smtpUrl, from: env.JIGSAW_MAIL_FROM || 'Jigsaw <jigsaw@localhost>' };
  }
  if (!apiKey) return null;
  // A Notify key is its name, the service id and the secret: the last two are UUIDs (73 characters).
  if (apiKey.length < 74) throw new ConfigError('JIGSAW_NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceid-secret)');
  const templateId = env.JIGSAW_NOTIFY_TEMPLATE_ID || '';
  if (!templateId) throw new ConfigError('JIGSAW_NOTIFY_TEMPLATE_ID must be set with JIGSAW_NOTIFY_API_KEY');
  return {
    transport: 'notify',
    apiKey,
    baseUrl: env.JIGSAW_NOTIFY_BASE_URL || 'https://api.notifications.service.gov.uk',
    templateId,
    digestTemplateId: env.JIGSAW_NOTIFY_DIGEST_TEMPLATE_ID || templateId,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const demo = overrides.demo ?? bool(env, 'JIGSAW_DEMO', false);
  const port = overrides.port ?? int(env, 'PORT', 3000, 0);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.JIGSAW_DATA_DIR || './data'),
    demo,
    requireMfa: bool(env, 'JIGSAW_REQUIRE_MFA', !demo),
    sessionIdleMinutes: int(env, 'JIGSAW_SESSION_IDLE_MINUTES', 30),
    sessionMaxHours: int(env, 'JIGSAW_SESSION_MAX_HOURS', 12),
    lockoutThreshold: int(env, 'JIGSAW_LOCKOUT_THRESHOLD', 5),
    lockoutMinutes: int(env, 'JIGSAW_LOCKOUT_MINUTES', 15),
    secureCookies: bool(env, 'JIGSAW_SECURE_COOKIES', true),
    logLevel: env.LOG_LEVEL || 'warn',
    publicUrl: env.JIGSAW_PUBLIC_URL || `http://localhost:${port}`,
    auditKey: auditKey(env),
    auditKeyFile: env.JIGSAW_AUDIT_KEY_FILE ? resolve(env.JIGSAW_AUDIT_KEY_FILE) : undefined,
    auditSealIntervalMs: int(env, 'JIGSAW_AUDIT_SEAL_INTERVAL_MS', 250, 10),
    auditMaxUnsealedSeconds: int(env, 'JIGSAW_AUDIT_MAX_UNSEALED_SECONDS', 60),
    trustedProxies: list(env.JIGSAW_TRUSTED_PROXIES),
    oidc: oidc(env),
    mail: mail(env),
    jobBackoffMs: int(env, 'JIGSAW_JOB_BACKOFF_MS', 30_000),
    jobLeaseMs: int(env, 'JIGSAW_JOB_LEASE_MS', 5 * 60_000),
    jobPollMs: int(env, 'JIGSAW_JOB_POLL_MS', 1000),
    metricsToken: env.JIGSAW_METRICS_TOKEN || undefined,
    flagLookupsPerMinute: int(env, 'JIGSAW_FLAG_LOOKUPS_PER_MINUTE', 60, 1),
    ...overrides,
  };
}
