// Forms with one file upload (multipart), for small files read whole into memory. Registered in a scope of its own
// (only the upload routes parse multipart). Fields arrive as strings, the file as { data, filename }. A file over the
// limit is cut at one byte more than it, so the page's size rule refuses it with a field error rather than the
// request failing.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

export interface Upload {
  data: Buffer;
  filename: string;
}

export async function acceptUploads(
  scoped: FastifyInstance,
  { maxBytes, fields = 5, fieldSize = 1000 }: { maxBytes: number; fields?: number; fieldSize?: number },
) {
  await scoped.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes + 1, files: 1, fields, fieldSize },
    async onFile(part) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      (part as unknown as { value: Upload }).value = { data: Buffer.concat(chunks), filename: part.filename };
    },
  });
}

/** The body of an upload form: its text fields ('' when absent) and its file (null when none was sent). */
export function uploadForm(body: unknown, fileField = 'file') {
  const b = (body ?? {}) as Record<string, unknown>;
  // A text field with the file's name (not a file) is no upload.
  const file = b[fileField] as { data?: unknown } | undefined;
  return {
    file: Buffer.isBuffer(file?.data) ? (file as Upload) : null,
    text: (name: string) => (typeof b[name] === 'string' ? (b[name] as string) : ''),
    has: (name: string) => typeof b[name] === 'string',
  };
}
