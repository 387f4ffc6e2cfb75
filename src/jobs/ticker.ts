// Tickers: small periodic tasks every worker process runs (the award engine's outbox reader, expiry
// reminders …), next to the queued jobs. A ticker's next run starts `everySeconds` after the previous
// one ended, so two runs of the same ticker never overlap in a process; across processes the task
// itself must be safe (SKIP LOCKED, unique keys). Errors are logged and the ticker keeps going.
import type { Logger } from 'pino';
import type { Deps } from '../deps.ts';

export interface Ticker {
  /** Stable, for logs: `<context>.<task>`. */
  name: string;
  everySeconds: number;
  run(deps: Deps): Promise<unknown>;
}

export interface RunningTickers {
  /** Stops scheduling and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

export function startTickers(deps: Deps, tickers: readonly Ticker[], log: Logger): RunningTickers {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (ticker: Ticker) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = ticker
        .run(deps)
        .then(
          () => undefined,
          (error: unknown) => log.error({ err: error, ticker: ticker.name }, 'ticker failed'),
        )
        .finally(() => {
          running.delete(run);
          schedule(ticker);
        });
      running.add(run);
    }, ticker.everySeconds * 1000);
    timers.add(timer);
  };

  for (const ticker of tickers) schedule(ticker);
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
