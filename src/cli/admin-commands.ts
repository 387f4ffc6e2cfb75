// One-shot administration: seed, user create, org create. `user create` and `org create` go through the
// running server when it holds the embedded database (admin-channel.ts), else open the database here.
// Nothing heavy is imported at the top: `tessera --help` must stay fast.
import { randomBytes } from 'node:crypto';
import { type Command, Option } from 'commander';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import type { AdminChannel } from './admin-channel.ts';
import { CliError } from './errors.ts';

type LoadConfig = () => Promise<Readonly<Config>>;

/** Where a data command does its work, as its --help says. */
export const WHERE_IT_RUNS =
  '\nEmbedded database: while Tessera runs on the same DATA_DIR, the running server does this (through its\n' +
  'admin socket, DATA_DIR/run/admin.sock); otherwise this command opens the database. PostgreSQL: this\n' +
  'command opens the database, whether or not a server runs.';

async function withDeps<T>(config: Readonly<Config>, run: (deps: Deps) => Promise<T>): Promise<T> {
  const { openRuntime } = await import('../runtime.ts');
  const runtime = await openRuntime(config);
  try {
    return await run(runtime.deps);
  } finally {
    await runtime.close();
  }
}

/** Through the running server's channel when there is one, else on a database opened here. */
async function viaServerOrHere<T>(
  config: LoadConfig,
  remote: (channel: AdminChannel) => Promise<T>,
  here: (deps: Deps) => Promise<T>,
): Promise<T> {
  const cfg = await config();
  const { runningServerChannel } = await import('./admin-channel.ts');
  const channel = await runningServerChannel(cfg);
  return channel ? remote(channel) : withDeps(cfg, here);
}

interface UserOptions {
  email: string;
  name: string;
  password?: string;
  operator: boolean;
}

/** The password given, else TESSERA_PASSWORD, else a generated one (printed once, by this command). */
function choosePassword(options: UserOptions): { password: string; generated: boolean } {
  const given = options.password ?? process.env.TESSERA_PASSWORD;
  const password = given ?? randomBytes(12).toString('base64url');
  if (password.length < 10) throw new CliError('The password needs at least 10 characters.', 2);
  return { password, generated: given === undefined };
}

interface OrgOptions {
  name: string;
  slug: string;
  kind: 'issuer' | 'employer';
  owner?: string;
}

export function registerAdminCommands(program: Command, config: LoadConfig): void {
  program
    .command('seed')
    .description('Create the demo organizations and users when the database has no users yet')
    .action(async () =>
      withDeps(await config(), async (deps) => {
        const { seedDemoDataIfEmpty } = await import('../seed/demo.ts');
        const seeded = await seedDemoDataIfEmpty(deps, { activity: true });
        if (!seeded) console.log('The database already has users; nothing seeded.');
      }),
    );

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user whose email is already verified')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .option(
      '--password <password>',
      'at least 10 characters (default: read TESSERA_PASSWORD, else generate one)',
    )
    .option('--operator', 'make the user a platform operator', false)
    .addHelpText('after', WHERE_IT_RUNS)
    .action(async (options: UserOptions) => {
      const { password, generated } = choosePassword(options);
      const input = { email: options.email, name: options.name, password, operator: options.operator };
      const created = await viaServerOrHere(
        config,
        (channel) => channel.call<{ id: string; email: string }>('POST', '/users', { json: input }),
        async (deps) => (await import('./admin-actions.ts')).createUserFromCli(deps, input),
      );
      console.log(`Created user ${created.email} (${created.id}).`);
      if (generated) console.log(`Password: ${password}`);
    });

  const org = program.command('org').description('Manage organizations');
  org
    .command('create')
    .description('Create an organization, optionally with an existing user as its owner')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--slug <slug>', 'lowercase letters, digits and dashes; used in URLs and the did:web')
    .addOption(
      new Option('--kind <kind>', 'issuer or employer').choices(['issuer', 'employer']).default('issuer'),
    )
    .option('--owner <email>', 'email of an existing user who becomes the owner')
    .addHelpText('after', WHERE_IT_RUNS)
    .action(async (options: OrgOptions) => {
      const input = { name: options.name, slug: options.slug, kind: options.kind, owner: options.owner };
      const created = await viaServerOrHere(
        config,
        (channel) =>
          channel.call<{ id: string; slug: string; kind: string }>('POST', '/orgs', { json: input }),
        async (deps) => (await import('./admin-actions.ts')).createOrganizationFromCli(deps, input),
      );
      console.log(`Created ${created.kind} organization ${created.slug} (${created.id}).`);
    });
}
