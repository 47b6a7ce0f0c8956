// `jigsaw backup --out FILE` and `jigsaw restore --file FILE`: they run before the database is opened, since a
// restore needs an empty target and an embedded backup holds the data directory's lock itself.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { defaultKeyFile } from '../audit/key.ts';
import { BackupError, backup, restore } from './backup.ts';

export const BACKUP_USAGE = `  backup --out FILE              a consistent backup: the embedded database (stop the server first) or PostgreSQL (pg_dump -Fc)
  restore --file FILE            restore a backup into an empty data directory (JIGSAW_DATA_DIR) or empty database (DATABASE_URL)`;

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export async function backupCommand(command: 'backup' | 'restore', args: string[], config: Config, io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, file: { type: 'string' } }, strict: true });
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  try {
    if (command === 'backup') {
      if (!values.out) return missing(io, 'out', 'Give the file to write, like --out jigsaw-2026-12-01.backup');
      const r = await backup(target, values.out);
      io.out(
        `Backup of the ${r.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL database'} written to ${values.out} (${size(r.bytes)}, ${r.ms} ms).`,
      );
      io.out('The audit key is not in the backup: keep a copy of it apart from the backups (see README, Backups).');
      return 0;
    }
    if (!values.file) return missing(io, 'file', 'Give the backup file to restore, like --file jigsaw-2026-12-01.backup');
    const r = await restore(target, values.file);
    io.out(`Restored ${values.file} into the ${r.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL database'} (${r.ms} ms).`);
    io.out(
      r.kind === 'pglite' && !config.auditKey && !config.auditKeyFile
        ? `Put the audit key the backup was sealed with in ${defaultKeyFile(config.dataDir)} (mode 600), then run jigsaw audit verify.`
        : 'Run jigsaw audit verify with the audit key the backup was sealed with.',
    );
    return 0;
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    io.err(`Error: ${e.message}`);
    return 1;
  }
}

function missing(io: Io, field: string, message: string): number {
  io.err('Error: Missing option');
  io.err(`  --${field}: ${message}`);
  return 2;
}
