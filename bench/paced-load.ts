// An open-loop load generator at a fixed rate, in the manner of wrk2: request i is due at start + i / rate,
// whatever happened to the ones before it, and its latency is counted from when it was due, not from when it
// was sent. A stall in the server or in this client therefore shows in full in every request it delayed
// (no coordinated omission), and requests are spread evenly over each second instead of sent in a burst.
// It prints one JSON object: what was offered and done, latency percentiles from the due time, and how late
// this client sent (so a client stall can be told from a server one).
// Run: npx tsx bench/paced-load.ts --url URL --rate 1000 --seconds 10 [--connections 16] [--header k=v ...]
//   [--method POST --body-file F] [--warmup-seconds 2] [--trace timeline.json]
// --trace writes [due ms from the start, latency ms] per measured request: where in time the slow ones were.
// It is started by bench/public-page.ts in a process of its own; it can also be pointed at any server.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '0' },
    connections: { type: 'string', default: '16' },
    header: { type: 'string', multiple: true, default: [] },
    method: { type: 'string', default: 'GET' },
    'body-file': { type: 'string' },
    trace: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`paced-load: ${message}`);
  process.exit(2);
}

if (!args.url) fail('--url is required');
const target = new URL(args.url);
if (target.protocol !== 'http:') fail('only http: URLs are supported (a loopback benchmark)');
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const warmupSeconds = Number(args['warmup-seconds']);
const connections = Number(args.connections);
for (const [name, value] of [
  ['--rate', rate],
  ['--seconds', seconds],
  ['--connections', connections],
] as const) {
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number`);
}
if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0) fail('--warmup-seconds must be 0 or more');

const headers: Record<string, string> = {};
for (const header of args.header) {
  const at = header.indexOf('=');
  if (at <= 0) fail(`--header wants name=value, not "${header}"`);
  headers[header.slice(0, at)] = header.slice(at + 1);
}
const body = args['body-file'] ? readFileSync(args['body-file']) : undefined;
if (body) headers['content-length'] = String(body.length);

const intervalMs = 1000 / rate;
const warmupCount = Math.round(warmupSeconds * rate);
const total = warmupCount + Math.round(seconds * rate);

// One request, encoded once. The client is raw keep-alive sockets with a minimal HTTP/1.1 response reader:
// Node's http client cost ~0.3 ms of CPU per request, as much as the server it measured, on the same cores.
const hostHeader = target.host;
const requestBytes = Buffer.concat([
  Buffer.from(
    `${args.method} ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${hostHeader}\r\n` +
      Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('') +
      '\r\n',
    'latin1',
  ),
  body ?? Buffer.alloc(0),
]);

// Measured requests only (after the warm-up): latency from the due time, and how late each was written to
// its socket (the client's own lag), in milliseconds.
const measured = total - warmupCount;
const latency = new Float64Array(measured);
const sendLag = new Float64Array(measured);
let recorded = 0;
let completed = 0;
let non2xx = 0;
let errors = 0;
let inFlight = 0;
let inFlightMax = 0;

interface Due {
  index: number;
  due: number;
}
interface Connection {
  socket: Socket;
  current?: Due & { sentAt: number };
  buffer: Buffer;
}
const idle: Connection[] = [];
const waiting: Due[] = [];
let open = 0;

function connect(): Connection {
  open++;
  const connection: Connection = {
    socket: createConnection({ host: target.hostname, port: Number(target.port || 80), noDelay: true }),
    buffer: Buffer.alloc(0),
  };
  connection.socket.on('data', (chunk: Buffer) => {
    connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
    const status = responseComplete(connection.buffer);
    if (status === undefined) return;
    connection.buffer = Buffer.alloc(0);
    if (status < 200 || status >= 300) non2xx++;
    finished(connection);
  });
  let closed = false;
  const lost = () => {
    if (closed) return;
    closed = true;
    open--;
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    connection.socket.destroy();
    if (connection.current) {
      errors++;
      finished(connection, false);
    }
  };
  connection.socket.on('error', lost);
  connection.socket.on('close', lost);
  return connection;
}

/** The status code once the whole response (Content-Length or chunked) has arrived, else undefined. */
function responseComplete(buffer: Buffer): number | undefined {
  const headerEnd = buffer.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  const head = buffer.subarray(0, headerEnd).toString('latin1');
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  if (length) return buffer.length >= headerEnd + 4 + Number(length[1]) ? status : undefined;
  if (!/\r\ntransfer-encoding:[ \t]*chunked/i.test(head))
    fail(`a response with neither length nor chunks: ${head}`);
  let at = headerEnd + 4;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return buffer.length >= lineEnd + 4 ? status : undefined;
    at = lineEnd + 2 + size + 2;
    if (at > buffer.length) return undefined;
  }
}

function dispatch(request: Due): void {
  const connection = idle.pop() ?? (open < connections ? connect() : undefined);
  if (!connection) {
    waiting.push(request);
    return;
  }
  inFlight++;
  if (inFlight > inFlightMax) inFlightMax = inFlight;
  connection.current = { ...request, sentAt: performance.now() };
  connection.socket.write(requestBytes);
}

function finished(connection: Connection, reusable = true): void {
  const request = connection.current;
  if (!request) return;
  connection.current = undefined;
  inFlight--;
  completed++;
  if (request.index >= warmupCount) {
    latency[recorded] = performance.now() - request.due;
    sendLag[recorded] = request.sentAt - request.due;
    if (args.trace) timeline.push([Math.round(request.due - start), Math.round(latency[recorded] ?? 0)]);
    recorded++;
  }
  if (reusable) idle.push(connection);
  const next = waiting.shift();
  if (next) dispatch(next);
  if (completed === total) finish();
}

const timeline: [number, number][] = [];
const start = performance.now() + 50;
let cpuAtStart = process.cpuUsage();
let next = 0;

// Every millisecond (as near as timers allow), send every request that is due by now.
function tick(): void {
  const now = performance.now();
  while (next < total && start + next * intervalMs <= now) {
    dispatch({ index: next, due: start + next * intervalMs });
    next++;
  }
  if (next < total) setTimeout(tick, Math.max(0, Math.min(1, start + next * intervalMs - performance.now())));
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, rank)] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function finish(): void {
  const cpu = process.cpuUsage(cpuAtStart);
  const elapsed = (performance.now() - start) / 1000;
  const sorted = latency.slice(0, recorded).sort();
  const lag = sendLag.slice(0, recorded).sort();
  const figures = (values: Float64Array) => ({
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
    p999: round(percentile(values, 99.9)),
    max: round(values[values.length - 1] ?? Number.NaN),
  });
  console.log(
    JSON.stringify({
      offeredRps: rate,
      doneRps: Math.round(completed / elapsed),
      requests: recorded,
      warmupRequests: warmupCount,
      latencyMs: figures(sorted),
      clientSendLagMs: figures(lag),
      inFlightMax,
      clientCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / completed),
      non2xx,
      errors,
    }),
  );
  for (const connection of idle) connection.socket.destroy();
  if (args.trace) writeFileSync(args.trace, JSON.stringify(timeline));
}

setTimeout(
  () => {
    cpuAtStart = process.cpuUsage();
    tick();
  },
  Math.max(0, start - performance.now()),
);
