// jigsaw sar export --person ID --out FILE [--format html|json] [--to NAME] [--review]: the release copy (redacted)
// of everything held about the person, logged as released to NAME; --review writes the review copy (redactions
// marked, nothing withheld, not logged as a release).
import { writeFileSync } from 'node:fs';
import type { Actor } from '../../platform/access/actor.ts';
import { Problem } from '../../platform/http/problems.ts';
import type { AnyUseCase } from '../../platform/usecase/usecase.ts';
import { type Export, exportHtml, formatFor, recordCount } from './domain.ts';
import { previewSubjectAccess, releaseSubjectAccess } from './use-cases.ts';

// biome-ignore lint/suspicious/noExplicitAny: the services' runner, for any use case
type Svc = { run: (uc: AnyUseCase, actor: Actor, input: any) => Promise<any> };

export const SAR_USAGE =
  '  sar export --person ID --out FILE [--format html|json] [--to NAME] [--review]   everything held about a person; the redacted release copy, logged as released to NAME (--review: the copy marking what to redact)';

/** The command line acts as information governance for subject access (the role that may release). */
export const governanceActor = (actor: Actor): Actor => ({ ...actor, role: 'information_governance' });

export async function sarExportCommand(
  svc: Svc,
  actor: Actor,
  a: { person?: string; out?: string; format?: string; to?: string; review?: boolean },
  out: (l: string) => void,
): Promise<number> {
  if (!a.person) throw new Problem(400, 'Missing option', 'Give the person', [{ field: 'person', message: 'Give the person record id, like --person 0190…' }]);
  if (!a.out) throw new Problem(400, 'Missing option', 'Give the file', [{ field: 'out', message: 'Give the file to write, like --out sar.html' }]);
  const format = formatFor(a.format, a.out);
  if (!format)
    throw new Problem(400, 'Unknown format', 'Say html or json', [{ field: 'format', message: 'Give --format html or json, or a file ending .html or .json' }]);
  if (!a.review && !a.to?.trim())
    throw new Problem(400, 'Missing option', 'Say who it is released to', [
      { field: 'to', message: 'Give who receives the copy, like --to "The person, in person"' },
    ]);
  const ig = governanceActor(actor);
  const result: Export = a.review
    ? (await svc.run(previewSubjectAccess, ig, { personId: a.person })).export
    : (await svc.run(releaseSubjectAccess, ig, { personId: a.person, releasedTo: a.to, format })).export;
  writeFileSync(a.out, format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : exportHtml(result));
  out(
    `${a.review ? 'Review copy' : 'Release copy'} of ${recordCount(result)} records in ${result.sections.length} sections written to ${a.out} (${result.redactions} ${a.review ? 'marked for redaction' : 'redacted'}).`,
  );
  return 0;
}
