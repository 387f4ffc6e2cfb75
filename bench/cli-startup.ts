// Start-up time of the `tessera` command (issue #19 item 10: under 2 s for --help): wall-clock time of
// `node bin/tessera.js --help` and of `node bin/tessera.js <command> --help`, N runs each, as a fresh
// process every time. Prints the median, the fastest and the slowest — never pass/fail on timing (a
// loaded machine slows every process; compare against `node -e 0`, printed first, on the same machine).
// Run: npx tsx bench/cli-startup.ts [runs]
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const RUNS = Number(process.argv[2] ?? 9);
const bin = resolve(import.meta.dirname, '../bin/tessera.js');

function timeOf(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return ms;
}

function measure(label: string, args: string[]): void {
  const times = Array.from({ length: RUNS }, () => timeOf(args)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const row = [
    label.padEnd(34),
    `median ${median.toFixed(0).padStart(5)} ms`,
    `min ${times[0]?.toFixed(0).padStart(5)} ms`,
    `max ${times.at(-1)?.toFixed(0).padStart(5)} ms`,
  ];
  console.log(row.join('   '));
}

console.log(`${RUNS} runs each, Node ${process.version}`);
measure('node -e 0 (the floor)', ['-e', '0']);
measure('tessera --help', [bin, '--help']);
measure('tessera award bulk --help', [bin, 'award', 'bulk', '--help']);
measure('tessera user create --help', [bin, 'user', 'create', '--help']);
