// One-shot administration: seed, user create, org create.
import { type Command, Option } from 'commander';
import type { Config } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { seedDemoDataIfEmpty } from '../seed/demo.ts';
import { createOrganizationFromCli, createUserFromCli } from './admin-actions.ts';

async function withRuntime(
  config: Readonly<Config>,
  run: (runtime: Runtime) => Promise<void>,
): Promise<void> {
  const runtime = await openRuntime(config);
  try {
    await run(runtime);
  } finally {
    await runtime.close();
  }
}

export function registerAdminCommands(program: Command, config: () => Readonly<Config>): void {
  program
    .command('seed')
    .description('Create the demo organizations and users when the database has no users yet')
    .action(() =>
      withRuntime(config(), async ({ deps }) => {
        const seeded = await seedDemoDataIfEmpty(deps);
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
    .action((options: { email: string; name: string; password?: string; operator: boolean }) =>
      withRuntime(config(), async ({ deps }) => {
        const result = await createUserFromCli(deps, options);
        console.log(`Created user ${result.email} (${result.id}).`);
        if (result.generatedPassword) console.log(`Password: ${result.generatedPassword}`);
      }),
    );

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
    .action((options: { name: string; slug: string; kind: 'issuer' | 'employer'; owner?: string }) =>
      withRuntime(config(), async ({ deps }) => {
        const created = await createOrganizationFromCli(deps, options);
        console.log(`Created ${created.kind} organization ${created.slug} (${created.id}).`);
      }),
    );
}
