// A @fastify/rate-limit store kept in the database: every process serving one PostgreSQL database counts the same
// attempts, with no Redis to run. One upsert per attempt; its row lock makes concurrent attempts count exactly.
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

async function hit(db: Db, key: string, windowMs: number): Promise<Result> {
  const { rows } = await sql<{ hits: number; ttl: number }>`
    insert into rate_limit_hit (key, hits, window_ends_at) values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when rate_limit_hit.window_ends_at <= now() then 1 else rate_limit_hit.hits + 1 end,
      window_ends_at = case when rate_limit_hit.window_ends_at <= now() then excluded.window_ends_at else rate_limit_hit.window_ends_at end
    returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl`.execute(db);
  // About one attempt in a hundred sweeps windows that ended a while ago, so the table holds only live counters.
  if (Math.random() < 0.01) await sql`delete from rate_limit_hit where window_ends_at < now() - interval '1 hour'`.execute(db);
  return { current: rows[0].hits, ttl: rows[0].ttl };
}

async function peek(db: Db, key: string): Promise<Result> {
  const { rows } = await sql<{ hits: number; ttl: number }>`
    select hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::int as ttl
    from rate_limit_hit where key = ${key} and window_ends_at > now()`.execute(db);
  return rows[0] ? { current: rows[0].hits, ttl: rows[0].ttl } : { current: 0, ttl: 0 };
}

/** The store class for `fastifyRateLimit({ store })`: each rate-limited route counts under its own prefix. */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    constructor(
      _params?: unknown,
      readonly prefix = '',
    ) {}
    incr(key: string, cb: Callback, timeWindow: number) {
      hit(db, this.prefix + key, timeWindow).then((r) => cb(null, r), cb);
    }
    read(key: string, cb: Callback) {
      peek(db, this.prefix + key).then((r) => cb(null, r), cb);
    }
    child(options: object) {
      const params = options as RouteParams;
      const method = [params.routeInfo?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore(params, `${method} ${params.routeInfo?.url ?? ''}|`);
    }
  };
}
