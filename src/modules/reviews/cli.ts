// jigsaw recommendations import --file FILE --review "NAME" [--kind KIND]: the same import as the upload page. It
// prints what it read (recommendations by status, lead officers) and the lines it could not read; a file not in the
// shape of an executive response writes nothing and exits 1.
import { readFileSync } from 'node:fs';
import type { Actor } from '../../platform/access/actor.ts';
import { Problem } from '../../platform/http/problems.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { RECOMMENDATION_STATUSES, REVIEW_KINDS } from './domain.ts';
import { getReview, importReview } from './use-cases.ts';

// biome-ignore lint/suspicious/noExplicitAny: the services' runner, for any use case
type Svc = { run: (uc: AnyUseCase, actor: Actor, input: any) => Promise<any> };

export const RECOMMENDATIONS_USAGE = `  recommendations import --file FILE --review "NAME" [--kind ${REVIEW_KINDS.join('|')}]
                                 read an executive response document into a new review; prints the lines not read`;

export async function recommendationsImportCommand(svc: Svc, actor: Actor, a: { file?: string; review?: string; kind?: string }, out: (l: string) => void) {
  if (!a.review)
    throw new Problem(400, 'Missing option', 'Give the review', [{ field: 'review', message: 'Give the review’s name, like --review "Scrutiny review 2026"' }]);
  if (!a.file) throw new Problem(400, 'Missing option', 'Give the file', [{ field: 'file', message: 'Give the file, like --file response.txt' }]);
  let text: string;
  try {
    text = readFileSync(a.file, 'utf8');
  } catch (e) {
    throw new Problem(400, 'Unreadable file', `Could not read ${a.file}`, [{ field: 'file', message: (e as Error).message }]);
  }
  const r = await svc.run(importReview, actor, { name: a.review, text, ...(a.kind ? { kind: a.kind } : {}) });
  const review = await svc.run(getReview, actor, { id: r.id });
  out(`Review "${r.name}" created (${r.id}): ${r.recommendations} recommendations.`);
  out(`  By status: ${RECOMMENDATION_STATUSES.map((s) => `${s} ${review.totals[s]}`).join(', ')}`);
  const leads = new Map<string, number>();
  for (const x of review.recommendations as { leadOfficer: string | null }[])
    leads.set(x.leadOfficer ?? '(none)', (leads.get(x.leadOfficer ?? '(none)') ?? 0) + 1);
  out(`  Lead officers: ${leads.size}`);
  for (const [lead, n] of leads) out(`    ${n} × ${lead}`);
  if (r.unread.length) out(`Lines not read: ${r.unread.length}`);
  for (const u of r.unread as { line: number; message: string }[]) out(`  line ${u.line}: ${u.message}`);
  return 0;
}
