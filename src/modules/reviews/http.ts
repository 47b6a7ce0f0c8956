// What the review pages and API share: the pages' paths, a page's review and recommendation from its URL, and how a
// stored evidence document is sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isUuid, notFound } from '../../platform/http/problems.ts';

export const reviewPath = (id: string) => `/reviews/${id}`;
export const recPath = (id: string, n: number) => `/reviews/${id}/recommendations/${n}`;

/** The review (and recommendation number, 0 when the URL has none) a page is for; 404 when not a real one. */
export function ref(req: FastifyRequest) {
  const p = req.params as { id: string; number?: string };
  if (!isUuid(p.id)) throw notFound('The review');
  const number = p.number === undefined ? 0 : Number(p.number);
  if (p.number !== undefined && !(Number.isInteger(number) && number > 0 && number < 1000)) throw notFound('The recommendation');
  return { id: p.id, number };
}

/** A stored file name made safe for a Content-Disposition header. */
const safeFileName = (name: string) => name.replace(/[^\w .()-]/g, '_').slice(0, 200) || 'evidence';

/** An evidence document, downloaded as it was uploaded. */
export const sendDocument = (reply: FastifyReply, d: { fileName: string; contentType: string; content: Buffer }) =>
  reply
    .type(d.contentType)
    .header('content-disposition', `attachment; filename="${safeFileName(d.fileName)}"`)
    .send(d.content);
