// Lesson Markdown rendering time (issue #19 item 5): the renderer runs on the server's thread when a course
// draft is saved, so it must stay fast. Renders one ~20 KB lesson (headings, emphasis, links, images,
// lists, code, GFM tables and some hostile raw HTML) N times and prints the total and per-render times.
// Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/markdown.ts [renders=1000] [module]
// `module` is another renderer's file exporting renderMarkdown, to compare with, e.g. the previous one:
//   git show <commit>:src/catalog/markdown.ts > /tmp/old-markdown.ts && npx tsx bench/markdown.ts 1000 /tmp/old-markdown.ts
import { pathToFileURL } from 'node:url';
import { renderMarkdown as current } from '../src/catalog/markdown.ts';

const RENDERS = Number(process.argv[2] ?? 1000);
const other = process.argv[3];
const TARGET_BYTES = 20 * 1024;

const section = (i: number) => `## Step ${i}: reconcile the payroll

Pay **on time**, *every* time: \`net = gross - tax\`. See the [guide](https://example.org/guide/${i}) and
[the previous step](#step-${i - 1}) before you start; ask <b>finance</b> when the totals differ.

- Export the register for period ${i}
- Compare the *gross* column with the ledger
  - flag differences above 1 %
- Sign off in the [portal](/portal/periods/${i})

1. Open the report
2. Check the totals

| Employee | Gross | Tax | Net |
| :------- | ----: | --: | --: |
| Ana      | 3,000 | 600 | 2,400 |
| Ben      | 2,500 | 450 | 2,050 |

> A payslip is a legal document; keep it for six years.

![Payroll cycle ${i}](/course-images/cycle-${i}.png)

\`\`\`
total = sum(rows.map((row) => row.net)) // <- not <b>bold</b>
\`\`\`

<script>alert(${i})</script> [click](javascript:alert(${i}))

---
`;

function lesson(): string {
  let text = '# Payroll basics\n\n';
  for (let i = 1; Buffer.byteLength(text) < TARGET_BYTES; i++) text += section(i);
  return text;
}

async function renderers(): Promise<[string, (markdown: string) => string][]> {
  const list: [string, (markdown: string) => string][] = [['src/catalog/markdown.ts', current]];
  if (other) {
    const module = (await import(pathToFileURL(other).href)) as {
      renderMarkdown: (markdown: string) => string;
    };
    list.push([other, module.renderMarkdown]);
  }
  return list;
}

const ROUNDS = 5;
const markdown = lesson();
const list = await renderers();
console.log(
  `Lesson Markdown: ${(Buffer.byteLength(markdown) / 1024).toFixed(1)} KB rendered ${RENDERS.toLocaleString('en-US')} times; ` +
    `median of ${ROUNDS} rounds, renderers taking turns (fair on a busy machine)`,
);
for (const [, render] of list) for (let i = 0; i < 100; i++) render(markdown); // warm-up, not counted
const times = list.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  list.forEach(([, render], r) => {
    const start = performance.now();
    for (let i = 0; i < RENDERS; i++) render(markdown);
    times[r]?.push(performance.now() - start);
  });
}
list.forEach(([name, render], r) => {
  const ms = (times[r] ?? []).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] ?? 0;
  const kb = (render(markdown).length / 1024).toFixed(1);
  console.log(
    `  ${name}: ${ms.toFixed(0)} ms in all, ${((ms * 1000) / RENDERS).toFixed(0)} µs per render (${kb} KB of HTML)`,
  );
});
