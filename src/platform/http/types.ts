// What our hooks attach to each request.

import type { TSchema } from '@sinclair/typebox';
import type { Actor } from '../access/actor.ts';
import type { SessionState } from '../auth/service.ts';
import type { AnyUseCase, UseCase } from '../usecase/usecase.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionState | null;
    /** Runs one of the route's declared use cases as the signed-in actor. */
    run<S extends TSchema | undefined, O>(useCase: UseCase<S, O>, input?: unknown): Promise<O>;
  }
  interface FastifyReply {
    render(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** public: no sign-in; page: a signed-in user (two-factor passed); api: a bearer token. */
    auth?: 'public' | 'page' | 'api' | 'partial';
    /** The use cases the handler runs; `req.run` refuses any other, and a test fails on a route that declares none. */
    useCases?: AnyUseCase[];
    /** Why a signed-in route runs no use case (e.g. a redirect); the architecture test asks for one or the other. */
    why?: string;
  }
}
