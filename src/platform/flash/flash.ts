// reply.flash(): a success banner for the next page this session renders (after the redirect of a form post), kept
// in the session rather than the query string, so a reload, a bookmark or a shared link does not repeat it. The
// layout shows it (reply.render takes it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import { putFlash, takeFlash } from './store.ts';

export interface Flash {
  /** The banner's heading, e.g. "Return home interview saved". */
  heading: string;
  /** A sentence under the heading. */
  text?: string;
  /** data-qa for tests. */
  qa?: string;
  /** A button in the banner that undoes what was done (a form post to `action`). */
  undo?: { action: string; text: string };
}

declare module 'fastify' {
  interface FastifyReply {
    /** Keeps a success banner for the next page this session renders; await it before redirecting. */
    flash(message: Flash | string): Promise<void>;
  }
  interface FastifyRequest {
    /** The session's flash message, if any, now spent. */
    takeFlash(): Promise<Flash | null>;
  }
}

export function flashMessages(app: FastifyInstance, db: Db) {
  app.decorateReply('flash', async function (this: FastifyReply, message: Flash | string) {
    const tokenHash = this.request.session?.tokenHash;
    const flash: Flash = typeof message === 'string' ? { heading: message } : message;
    // Resolves to nothing: a reply is thenable (it waits for the response), so returning it would never settle here.
    if (tokenHash) await putFlash(db, tokenHash, JSON.stringify(flash));
  });
  app.decorateRequest('takeFlash', async function (this: FastifyRequest) {
    const tokenHash = this.session?.tokenHash;
    if (!tokenHash) return null;
    const message = await takeFlash(db, tokenHash);
    return message ? (JSON.parse(message) as Flash) : null;
  });
}
