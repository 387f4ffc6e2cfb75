// A small pool of worker threads for CPU-bound work with a deadline. Each worker takes one task at a time;
// a task still running at its deadline has its worker terminated (the only way to stop a synchronous
// computation) and replaced, and the caller is told it did not finish. Workers start on first use (or on
// prewarm) and, like the bulk signing worker (issuing/signing-pool.ts), run the TypeScript sources through
// tsx; an idle worker is unref'd, so it never keeps a process alive.
import { Worker } from 'node:worker_threads';

export type TaskOutcome<R> =
  | { ok: true; value: R }
  /** deadline: still running when its time was up. stopped: the worker failed or the pool closed. */
  | { ok: false; reason: 'deadline' | 'stopped'; detail?: string };

export interface WorkerPoolOptions {
  /** The worker's module: it answers `{ ready: true }` once, then `{ id, value }` or `{ id, error }` per task. */
  entry: URL;
  size: number;
  /** Per task, counted from the moment a worker takes it (queueing and start-up are not counted). */
  deadlineMs: number;
  /** Told about workers that fail or are replaced (the pool itself has no logger). */
  onIncident?: (message: string, detail?: unknown) => void;
}

export interface WorkerPoolStats {
  workers: number;
  queued: number;
  completed: number;
  timedOut: number;
  replaced: number;
}

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

/** Workers that die before they are ready this many times in a row fail the queue instead of looping. */
const MAX_START_FAILURES = 3;

interface Queued<T, R> {
  task: T;
  resolve: (outcome: TaskOutcome<R>) => void;
}

interface Slot<T, R> {
  worker: Worker;
  ready: boolean;
  current?: Queued<T, R> & { id: number; timer: NodeJS.Timeout };
}

type Reply<R> = { ready: true } | { id: number; value: R } | { id: number; error: string };

export class WorkerPool<T, R> {
  private readonly slots = new Set<Slot<T, R>>();
  private readonly queue: Queued<T, R>[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;
  private readonly counts = { completed: 0, timedOut: 0, replaced: 0 };

  constructor(private readonly options: WorkerPoolOptions) {}

  run(task: T): Promise<TaskOutcome<R>> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'stopped', detail: 'the pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      this.dispatch();
    });
  }

  stats(): WorkerPoolStats {
    return { workers: this.slots.size, queued: this.queue.length, ...this.counts };
  }

  /** Starts the workers now (they start on first use otherwise), so the first task finds them warm. */
  prewarm(): void {
    while (!this.closed && this.slots.size < this.options.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.resolve({ ok: false, reason: 'stopped' });
    await Promise.all([...this.slots].map((slot) => this.retire(slot, 'stopped')));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.current) this.start(slot, this.queue.shift()!);
    }
    // Tasks still waiting: a worker more, if the pool may grow (it starts, then asks for work).
    if (this.queue.length > 0 && this.slots.size < this.options.size) this.spawn();
  }

  private start(slot: Slot<T, R>, queued: Queued<T, R>): void {
    const id = this.nextId++;
    const timer = setTimeout(() => this.expire(slot), this.options.deadlineMs);
    slot.current = { ...queued, id, timer };
    slot.worker.ref();
    slot.worker.postMessage({ id, task: queued.task });
  }

  private expire(slot: Slot<T, R>): void {
    const current = slot.current;
    if (!current) return;
    this.counts.timedOut += 1;
    this.counts.replaced += 1;
    void this.retire(slot, 'deadline');
    // Replaced at once, so the next task finds a worker that has already started.
    if (!this.closed && this.slots.size < this.options.size) this.spawn();
    this.dispatch();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: this.options.entry.href } });
    } catch (error) {
      this.options.onIncident?.('a verification worker could not be started', error);
      this.failQueue('no worker could be started');
      return;
    }
    const slot: Slot<T, R> = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (reply: Reply<R>) => this.receive(slot, reply));
    worker.on('error', (error) => this.options.onIncident?.('a verification worker failed', error));
    worker.on('exit', (code) => this.exited(slot, code));
  }

  private receive(slot: Slot<T, R>, reply: Reply<R>): void {
    if ('ready' in reply) {
      slot.ready = true;
      this.startFailures = 0;
      this.dispatch();
      if (!slot.current) slot.worker.unref();
      return;
    }
    const current = slot.current;
    if (!current || current.id !== reply.id) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    slot.worker.unref();
    this.counts.completed += 1;
    current.resolve(
      'value' in reply
        ? { ok: true, value: reply.value }
        : { ok: false, reason: 'stopped', detail: reply.error },
    );
    this.dispatch();
  }

  /** Takes a worker out of the pool and stops it; its task, if any, ends with `reason`. */
  private async retire(slot: Slot<T, R>, reason: 'deadline' | 'stopped'): Promise<void> {
    if (!this.slots.delete(slot)) return;
    const current = slot.current;
    slot.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.resolve({ ok: false, reason });
    }
    await slot.worker.terminate();
  }

  private exited(slot: Slot<T, R>, code: number): void {
    if (!this.slots.has(slot)) return; // retired on purpose
    const wasReady = slot.ready;
    void this.retire(slot, 'stopped');
    this.counts.replaced += 1;
    this.options.onIncident?.(`a verification worker stopped (exit code ${code})`);
    if (!wasReady && ++this.startFailures >= MAX_START_FAILURES) {
      this.startFailures = 0;
      this.failQueue('the verification workers do not start');
      return;
    }
    if (!this.closed) this.dispatch();
  }

  private failQueue(detail: string): void {
    for (const queued of this.queue.splice(0)) queued.resolve({ ok: false, reason: 'stopped', detail });
  }
}
