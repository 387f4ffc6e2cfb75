import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { Deps } from '../deps.ts';
import { startTickers } from './ticker.ts';

const deps = {} as Deps;
const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tickers', () => {
  it('run again and again, never two runs of one ticker at once, and keep going after an error', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const tickers = startTickers(
      deps,
      [
        {
          name: 'test.slow',
          everySeconds: 0.005,
          async run() {
            running += 1;
            if (running > 1) overlapped = true;
            runs += 1;
            await sleep(20);
            running -= 1;
            if (runs === 1) throw new Error('first run fails');
          },
        },
      ],
      log,
    );
    // Waits for the runs rather than a fixed time: a loaded machine may take longer than 150 ms for three.
    await vi.waitFor(() => expect(runs).toBeGreaterThan(2), { timeout: 10_000, interval: 10 });
    await tickers.stop();
    expect(overlapped).toBe(false);
  });

  it('waits for a run in progress when stopped, and runs no more after', async () => {
    let finished = 0;
    let started = 0;
    const tickers = startTickers(
      deps,
      [
        {
          name: 'test.once',
          everySeconds: 0.001,
          async run() {
            started += 1;
            await sleep(30);
            finished += 1;
          },
        },
      ],
      log,
    );
    await sleep(10);
    await tickers.stop();
    expect(finished).toBe(started);
    await sleep(30);
    expect(started).toBe(finished);
  });
});
