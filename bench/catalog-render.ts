// What the server's rendering of a visitor's catalog costs (issue #18 item 13; src/http/web-render.ts): each
// request a new address (so the 5-second cache never answers), through the whole HTTP stack (app.inject), on an
// embedded database, with 10 and then 50 priced courses (the catalog API's page, the most a page lists), against
// the catalog API alone (the data the render asks for) and the app's plain index.html (a signed-in reader): wall
// time and the process's CPU time per request (the embedded database runs on the same thread, so its queries
// count too). Renders are spaced to stay under the renderer's budget per second. Prints figures only.
// Run: npx tsx bench/catalog-render.ts [--runs 100]
import { parseArgs } from 'node:util';
import { ensureWebBuilt } from '../src/cli/build-web.ts';
import { aPricedCourse, setShopSettings } from '../src/commerce/testing.ts';
import { RENDERS_PER_SECOND } from '../src/http/web-render.ts';
import { anIssuerWithOwner } from '../src/issuing/testing.ts';
import { createTestApp } from '../test/support/app.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '100' } } });
const RUNS = Number(args.runs);
const html = { accept: 'text/html' };

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;

await ensureWebBuilt(() => {});
const t = await createTestApp({ serveWebApp: true });
try {
  const issuer = await anIssuerWithOwner(t.app, t.deps);
  await setShopSettings(t, issuer, { taxRateBp: 2000, taxLabel: 'VAT' });
  let courses = 0;
  let request = 0;

  async function time(
    label: string,
    url: () => string,
    headers: Record<string, string>,
    check: (body: string) => void,
  ) {
    // One request at least every 1/RENDERS_PER_SECOND s: the renderer's budget is never what answers.
    const spacing = 1000 / RENDERS_PER_SECOND + 5;
    let previous = 0;
    const paced = async () => {
      const wait = previous + spacing - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      previous = performance.now();
    };
    for (let i = 0; i < 10; i++) {
      await paced();
      await t.app.inject({ url: url(), headers });
    }
    let cpuUs = 0;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await paced();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const response = await t.app.inject({ url: url(), headers });
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuUs += used.user + used.system;
      check(response.body);
    }
    const cpuPerRequest = cpuUs / 1000 / RUNS;
    const ms = (value: number) => `${value.toFixed(1).padStart(6)} ms`;
    console.log(
      `${label.padEnd(52)} p50 ${ms(quantile(times, 0.5))}  p99 ${ms(quantile(times, 0.99))}  ` +
        `CPU ${ms(cpuPerRequest)} per request`,
    );
  }

  for (const target of [10, 50]) {
    while (courses < target) {
      courses += 1;
      await aPricedCourse(t, issuer, {
        title: `Course ${String(courses).padStart(3, '0')}`,
        priceMinor: 1000 + courses,
      });
    }
    const rendered = (body: string) => {
      if (!body.includes('tessera-state')) throw new Error('the catalog was not rendered');
    };
    console.log(`${courses} priced courses`);
    await time(
      `  visitor's catalog, a new address each time`,
      () => `/catalog?visit=${request++}`,
      html,
      rendered,
    );
    await time(
      '  the catalog API alone',
      () => '/api/v1/catalog/courses',
      { accept: 'application/json' },
      () => {},
    );
    await time(
      '  signed-in reader (the app’s index.html)',
      () => `/catalog?visit=${request++}`,
      { ...html, cookie: 'tessera_session=x' },
      (body) => {
        if (body.includes('tessera-state')) throw new Error('rendered for a signed-in reader');
      },
    );
  }
} finally {
  await t.close();
}
