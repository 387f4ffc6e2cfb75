// A separate process running the award engine on the database its environment names (tests of several
// processes on one PostgreSQL database). Prints "ready" once open, starts at "go" on stdin, takes one
// event per run (as a server does while completions arrive one by one) until none is left, then exits.
import { createInterface } from 'node:readline';
import { processLearningEvents } from '../../src/badges/index.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/runtime.ts';

const runtime = await openRuntime(loadConfig());
const { deps } = runtime;
const pending = async () =>
  Number(
    (
      await deps.db
        .selectFrom('learningEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('consumedAt', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

console.log('ready');
const stdin = createInterface({ input: process.stdin });
await new Promise<void>((go) => stdin.once('line', () => go()));
stdin.close();
let runs = 0;
const deadline = Date.now() + 60_000;
while ((await pending()) > 0 && Date.now() < deadline) {
  runs += await processLearningEvents(deps, 1);
}
await runtime.close();
console.log(JSON.stringify({ runs }));
