// How work grows with input size, for tests that must tell linear from quadratic without being timing
// tests: the CPU time of the work at n and at 8n. Linear code gives a ratio near 8, quadratic near 64;
// tests bound it at 32, half-way (as a ratio) between the two. Runs alternate between the sizes and the
// least of each is kept (CPU time, not wall time), so a neighbour busy on the same cores does not make a
// test flaky.

const ROUNDS = 7;

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** CPU time(8n) / time(n) for `work` on inputs built once beforehand (building is not measured). */
export function growthFactor<T>(build: (n: number) => T, work: (input: T) => void, n: number): number {
  const small = build(n);
  const large = build(8 * n);
  work(small); // warm-up: compile before measuring
  work(large);
  let smallest = Number.POSITIVE_INFINITY;
  let largest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    smallest = Math.min(
      smallest,
      cpuMs(() => work(small)),
    );
    largest = Math.min(
      largest,
      cpuMs(() => work(large)),
    );
  }
  return largest / Math.max(smallest, 0.001);
}
