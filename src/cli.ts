// jigsaw <command>: serve, migrate, demo, users, tokens, audit, persons.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/data.ts';
import { seedDemo } from './demo/seed.ts';
import { dailyActionSweep } from './modules/actions/sweep.ts';
import { addUser, issueToken, listTokens, listUsers, revokeToken } from './modules/admin/use-cases.ts';
import { committeeReportSweep } from './modules/committee/sweep.ts';
import { accuracyReport, fitReport } from './modules/matching/labels/report.ts';
import { fitModelFromLabels, measureAccuracy } from './modules/matching/labels/use-cases.ts';
import { rebuildDuplicates, trainModel } from './modules/matching/use-cases.ts';
import { interviewDueSweep } from './modules/missing/due/reminders/sweep.ts';
import { deliverNotifications } from './modules/notifications/delivery.ts';
import { REGIONAL_USAGE } from './modules/regional/cli.ts';
import { dailyRetentionSweep } from './modules/retention/sweep.ts';
import { RECOMMENDATIONS_USAGE } from './modules/reviews/cli.ts';
import { dailyRecommendationSweep } from './modules/reviews/reminders.ts';
import { installToolkit } from './modules/screening/use-cases.ts';
import { sharingAgreementSweep } from './modules/sharing-agreements/sweep.ts';
import { SAR_USAGE } from './modules/subject-access/cli.ts';
import { dailyTransitionSweep } from './modules/transition/sweep.ts';
import { systemActor } from './platform/access/actor.ts';
import { AUDIT_USAGE, auditCommand } from './platform/audit/cli.ts';
import { sealBeforeExit } from './platform/audit/sealer.ts';
import { BACKUP_USAGE, backupCommand } from './platform/backup/cli.ts';
import { type Database, DataDirLockedError, openDatabase } from './platform/db/connect.ts';
import { migrate } from './platform/db/migrate.ts';
import { defaultPartnershipId } from './platform/db/partnerships.ts';
import { Problem } from './platform/http/problems.ts';
import { services } from './services.ts';

const USAGE = `Usage: jigsaw <command> [options]

  serve [--demo]                 start the web server (PORT, default 3000); --demo loads the fictional demo partnership
  migrate                        apply database migrations
  demo                           load the fictional demo partnership into the database
  users add --email E --name N --role ROLE --agency "AGENCY NAME" [--sector SECTOR] [--password P]
  users list
  tokens issue --email E [--name N]   prints a new API token as the last line
  tokens list
  tokens revoke --id ID
  toolkit install --file F.json  install a screening toolkit version (used for new screenings)
  training import --cohort NAME --file F.csv|F.xlsx [--confirm]   read a completions spreadsheet, print errors by row; --confirm keeps the valid rows
${AUDIT_USAGE}
${BACKUP_USAGE}
${SAR_USAGE}
${RECOMMENDATIONS_USAGE}
${REGIONAL_USAGE}
  doctor                         check configuration, database, migrations, audit key, mail and disk space; says what to fix
  persons dedupe --in FILE.csv --out PAIRS.csv [--threshold P]
  persons train [--force]        train the matching model on the partnership's people (default model until 1,000)
  persons review-queue           rewrite blocking keys and rebuild the suspected-duplicates queue and its clusters
  persons accuracy               precision and recall of the matching model against reviewers' decisions, by threshold
  persons train --from-labels [--min-matches N]   refit the model's m from reviewers' merges (default 30 per comparison)

Settings come from the environment: see README.md.`;

/** Where a command reads its settings and writes: the process's own, or a test's (tests run commands in-process). */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}
let io: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };
const out = (line = '') => io.stdout.write(`${line}\n`);
const err = (line: string) => io.stderr.write(`${line}\n`);

async function open(config: Config, { server = false } = {}): Promise<Database> {
  const database = await openDatabase(config, { server });
  await migrate(database);
  return database;
}

/** The partnership that command-line changes apply to: the oldest, created when there is none. */
const defaultPartnership = (database: Database) => defaultPartnershipId(database.db, io.env.JIGSAW_PARTNERSHIP_NAME || 'Safeguarding partnership');

function printDemoAccounts(url: string) {
  out('Demo partnership loaded: Northmoor (entirely fictional).');
  out(`Sign in at ${url}/sign-in with any of these accounts, password "${DEMO_PASSWORD}":`);
  for (const u of DEMO_USERS) out(`  ${u.role.padEnd(24)} ${u.email}`);
}

/**
 * `jigsaw demo` in a child process that exits: creating, migrating and seeding a new embedded database grows a
 * heap that a server would keep for its whole life (about 90 MB), so on a first start the server opens the result.
 */
function createDemoInChild(): Promise<void> {
  const bin = fileURLToPath(new URL('../bin/jigsaw.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'demo'], { env: io.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Creating the demo partnership failed: ${stderr.trim()}`))));
  });
}

async function serve(flags: Record<string, string | boolean | undefined>): Promise<number> {
  const started = Date.now();
  const config = loadConfig(io.env, flags.demo ? { demo: true } : {});
  if (config.demo && !config.databaseUrl && !existsSync(join(config.dataDir, 'pgdata'))) await createDemoInChild();
  const database = await openDatabase(config, { server: true });
  const migrated = (await migrate(database)).length > 0;
  let seeded = false;
  if (config.demo) seeded = (await seedDemo(database.db)).created;
  else await defaultPartnership(database);
  // A fresh embedded database worker after migrating or seeding gives back the WebAssembly memory that work grew.
  if (migrated || seeded) await database.restartWorker?.();
  const svc = services(database, config);
  const app = await buildApp({ config, database, services: svc });
  dailyTransitionSweep(app, database.db, svc);
  dailyActionSweep(app, database.db, svc);
  committeeReportSweep(app, database.db, svc);
  interviewDueSweep(app, database.db, svc);
  dailyRetentionSweep(app, database.db, svc);
  sharingAgreementSweep(app, database.db, svc);
  dailyRecommendationSweep(app, database.db, svc);
  deliverNotifications(app, database.db, config);
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  out(
    `Jigsaw is running at ${url} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}), ready in ${Date.now() - started} ms`,
  );
  if (config.demo) printDemoAccounts(url);
  return new Promise<number>(() => {}); // runs until stopped
}

export async function main(argv: string[], given: Partial<CliIo> = {}): Promise<number> {
  io = { env: process.env, stdout: process.stdout, stderr: process.stderr, ...given };
  const [command, sub, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help') {
      out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'serve') {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean' } } });
      return await serve(values);
    }
    // Pooling reads files from several partnerships: no database of its own (decision 0027).
    if (command === 'import' && sub === 'regional') {
      const { regionalImportCommand } = await import('./modules/regional/cli.ts');
      return regionalImportCommand(rest, out);
    }
    if (command === 'persons' && sub === 'dedupe') {
      const { personsDedupe } = await import('./modules/matching/cli.ts');
      return await personsDedupe(rest);
    }
    // Before the database is opened: a restore needs an empty target, doctor reports a database it cannot open.
    if (command === 'backup' || command === 'restore') return await backupCommand(command, argv.slice(1), loadConfig(io.env), { out, err });
    if (command === 'doctor') {
      const { doctor } = await import('./platform/ops/doctor.ts');
      return await doctor(io.env, { out, err });
    }
    const config = loadConfig(io.env);
    const database = await open(config);
    try {
      return await run(database, config, command, sub, rest);
    } finally {
      // Seal the audit events this command recorded (the audit commands seal, or not, themselves).
      if (command !== 'audit') await sealBeforeExit(database, config).catch((e) => err(`Warning: audit events not sealed: ${(e as Error).message}`));
      await database.close();
    }
  } catch (e) {
    if (e instanceof Problem) {
      err(`Error: ${e.message}`);
      for (const f of e.errors) err(`  --${f.field}: ${f.message}`);
      return 1;
    }
    if (e instanceof ConfigError || e instanceof DataDirLockedError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`Error: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

async function run(database: Database, config: Config, command: string, sub: string | undefined, rest: string[]): Promise<number> {
  const svc = services(database, config);
  const args = (options: Record<string, { type: 'string' }>) => parseArgs({ args: rest, options, strict: true }).values as Record<string, string | undefined>;
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'migrate':
      out('Migrations applied.');
      return 0;
    case 'persons accuracy': {
      parseArgs({ args: rest, options: {}, strict: true });
      const result = await svc.run(measureAccuracy, systemActor(await defaultPartnership(database)), undefined);
      for (const line of accuracyReport(result)) out(line);
      return 0;
    }
    case 'persons train': {
      const { values } = parseArgs({
        args: rest,
        options: { force: { type: 'boolean' }, 'from-labels': { type: 'boolean' }, 'min-matches': { type: 'string' } },
        strict: true,
      });
      if (values['from-labels']) {
        const minMatches = values['min-matches'] === undefined ? 30 : Number(values['min-matches']);
        const result = await svc.run(fitModelFromLabels, systemActor(await defaultPartnership(database)), { minMatches });
        for (const line of fitReport(result, minMatches)) out(line);
        return 0;
      }
      const result = await svc.run(trainModel, systemActor(await defaultPartnership(database)), { force: !!values.force });
      out(
        result.trained
          ? `Model trained on ${result.people} people and stored.`
          : `Only ${result.people} people (fewer than 1,000): keeping the default model. Use --force to train anyway.`,
      );
      return 0;
    }
    case 'persons review-queue': {
      const result = await svc.run(rebuildDuplicates, systemActor(await defaultPartnership(database)), undefined);
      out(`${result.pairs} suspected duplicate pairs among ${result.people} people, in ${result.clusters} clusters of two or more.`);
      return 0;
    }
    case 'demo': {
      const { created } = await seedDemo(database.db);
      out(created ? 'Demo partnership created.' : 'The demo partnership already exists.');
      printDemoAccounts(config.publicUrl);
      return 0;
    }
    case 'users add': {
      const a = args({
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        agency: { type: 'string' },
        sector: { type: 'string' },
        password: { type: 'string' },
      });
      if (!a.agency)
        throw new Problem(400, 'Missing option', 'Give the agency', [{ field: 'agency', message: 'Give the agency name, like --agency "Northmoor Police"' }]);
      const actor = systemActor(await defaultPartnership(database));
      const { user, inviteToken } = await svc.run(addUser, actor, {
        email: a.email ?? '',
        name: a.name ?? '',
        role: a.role ?? '',
        agencyName: a.agency,
        ...(a.sector ? { sector: a.sector } : {}),
        ...(a.password !== undefined ? { password: a.password } : {}),
      });
      out(`User ${user.email} created (${user.id}).`);
      if (inviteToken) out(`They choose a password at: ${config.publicUrl}/invitation/${inviteToken}`);
      return 0;
    }
    case 'users list': {
      for (const u of await svc.run(listUsers, systemActor(await defaultPartnership(database)), undefined)) {
        out(`${u.email}\t${u.role}\t${u.agencyName}\t${u.active ? 'active' : 'deactivated'}`);
      }
      return 0;
    }
    case 'tokens issue': {
      const a = args({ email: { type: 'string' }, name: { type: 'string' } });
      if (!a.email) throw new Problem(400, 'Missing option', 'Give the user', [{ field: 'email', message: 'Give the email of the user the token acts as' }]);
      const issued = await svc.run(issueToken, systemActor(await defaultPartnership(database)), { email: a.email, name: a.name ?? 'Command line token' });
      out(`API token for ${issued.email} (id ${issued.id}). It is shown only once and stored only as a hash:`);
      out(issued.token);
      return 0;
    }
    case 'tokens list': {
      for (const t of await svc.run(listTokens, systemActor(await defaultPartnership(database)), undefined)) {
        out(`${t.id}\t${t.prefix}…\t${t.email}\t${t.name}\t${t.revoked_at ? 'revoked' : 'active'}`);
      }
      return 0;
    }
    case 'tokens revoke': {
      const a = args({ id: { type: 'string' } });
      await svc.run(revokeToken, systemActor(await defaultPartnership(database)), { id: a.id ?? '' });
      out('Token revoked.');
      return 0;
    }
    case 'training import': {
      const { values } = parseArgs({
        args: rest,
        options: { cohort: { type: 'string' }, file: { type: 'string' }, confirm: { type: 'boolean' } },
        strict: true,
      });
      const { trainingImportCommand } = await import('./modules/training/cli.ts');
      return trainingImportCommand(svc, systemActor(await defaultPartnership(database)), values, out);
    }
    case 'recommendations import': {
      const a = args({ file: { type: 'string' }, review: { type: 'string' }, kind: { type: 'string' } });
      const { recommendationsImportCommand } = await import('./modules/reviews/cli.ts');
      return recommendationsImportCommand(svc, systemActor(await defaultPartnership(database)), a, out);
    }
    case 'toolkit install': {
      const a = args({ file: { type: 'string' } });
      if (!a.file) throw new Problem(400, 'Missing option', 'Give the file', [{ field: 'file', message: 'Give the toolkit file, like --file toolkit.json' }]);
      let candidate: unknown;
      try {
        candidate = JSON.parse(readFileSync(a.file, 'utf8'));
      } catch (e) {
        throw new Problem(400, 'Unreadable file', `Could not read ${a.file} as JSON`, [{ field: 'file', message: (e as Error).message }]);
      }
      const toolkit = await svc.run(installToolkit, systemActor(await defaultPartnership(database)), candidate);
      out(`Installed ${toolkit.name} (${toolkit.id} version ${toolkit.version}); new screenings use it.`);
      return 0;
    }
    case 'sar export': {
      const { values } = parseArgs({
        args: rest,
        options: { person: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, to: { type: 'string' }, review: { type: 'boolean' } },
        strict: true,
      });
      const { sarExportCommand } = await import('./modules/subject-access/cli.ts');
      return sarExportCommand(svc, systemActor(await defaultPartnership(database)), values, out);
    }
    case 'export regional': {
      const { regionalExportCommand } = await import('./modules/regional/cli.ts');
      return regionalExportCommand(svc, systemActor(await defaultPartnership(database)), rest, io.env, out);
    }
    case 'audit verify':
    case 'audit checkpoint':
    case 'audit seal':
    case 'audit adopt':
      return auditCommand(database, config, sub ?? '', rest, out, err);
    default:
      err(`Unknown command: ${command} ${sub ?? ''}\n`);
      err(USAGE);
      return 2;
  }
}
