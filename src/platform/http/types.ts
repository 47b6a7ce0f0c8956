// What our hooks attach to each request.
import type { Actor } from '../access/actor.ts';
import type { SessionState } from '../auth/service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionState | null;
  }
  interface FastifyReply {
    render(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** public: no sign-in; page: a signed-in user (two-factor passed); api: a bearer token. */
    auth?: 'public' | 'page' | 'api' | 'partial';
  }
}
