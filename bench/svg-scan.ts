// SVG scanning time against input size (issue #14 "The SVG scanner is quadratic"): the bake reader
// (verify page, backpack import, baked downloads of uploaded badge images), the verify path's refusal of
// active content, and the badge-image upload check, on hostile shapes at 10k and 80k repetitions and at
// the largest size each accepts (5 MiB for baked files, 1 MiB for badge images). Linear code takes ~8×
// as long for 8× the input. Prints figures only — never pass/fail on timing.
// Run: npx tsx bench/svg-scan.ts [rounds]
import { checkBadgeImage } from '../src/badges/index.ts';
import { BakeError, bakeSvg, unbakeSvg } from '../src/credentials/index.ts';
import { refuseActiveSvg } from '../src/verification/active-svg.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const MIB = 1024 * 1024;
const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';
const OB3_NS = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"';
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln';

/** Shapes that cost a naive scanner most: each takes a repetition count and gives the SVG text. */
const shapes: Record<string, (n: number) => string> = {
  'attributes on <svg>': (n) =>
    `<svg ${SVG_NS} ${OB3_NS}${Array.from({ length: n }, (_, i) => ` a${i}="v"`).join('')}><openbadges:credential verify="${JWT}"></openbadges:credential></svg>`,
  'prefixed elements': (n) =>
    `<svg ${SVG_NS} ${OB3_NS} xmlns:x="https://x.example">${'<x:g a="1"/>'.repeat(n)}<openbadges:credential verify="${JWT}"></openbadges:credential></svg>`,
  'CDATA openings in a comment': (n) =>
    `<svg ${SVG_NS} ${OB3_NS}><!--${'<![CDATA['.repeat(n)}--><openbadges:credential verify="${JWT}"></openbadges:credential></svg>`,
  'entity references': (n) =>
    `<svg ${SVG_NS} ${OB3_NS}><text>${'&amp;'.repeat(n)}</text><openbadges:credential verify="${JWT}"></openbadges:credential></svg>`,
};

/** The most repetitions of a shape that fit in `bytes` (a binary search: items may grow with n). */
function repetitionsFor(shape: (n: number) => string, bytes: number): number {
  let low = 1;
  let high = bytes;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(shape(mid)) <= bytes) low = mid;
    else high = mid - 1;
  }
  return low;
}

type Reader = { name: string; maxBytes: number; read: (bytes: Buffer) => void };
const readers: Reader[] = [
  { name: 'unbakeSvg (bake reader)', maxBytes: 5 * MIB, read: (bytes) => unbakeSvg(bytes) },
  { name: 'refuseActiveSvg (verify)', maxBytes: 5 * MIB, read: (bytes) => refuseActiveSvg(bytes) },
  {
    name: 'bakeSvg (baked download)',
    maxBytes: 5 * MIB,
    read: (bytes) => bakeSvg(bytes, { format: 'ob3-jwt', payload: JWT }),
  },
  { name: 'checkBadgeImage (upload)', maxBytes: MIB, read: (bytes) => checkBadgeImage(bytes) },
];

function medianMs(read: () => void): number {
  const times: number[] = [];
  for (let round = -1; round < ROUNDS; round++) {
    const start = performance.now();
    try {
      read();
    } catch (error) {
      // A refusal is an answer too; only its cost is measured here.
      if (!(error instanceof BakeError) && !(error instanceof Error)) throw error;
    }
    // Round -1 warms the code up and is not counted.
    if (round >= 0) times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

console.log(`SVG scanning, median of ${ROUNDS} rounds (ms); ratio = 80k / 10k (linear ≈ 8)`);
for (const reader of readers) {
  console.log(`\n${reader.name}`);
  for (const [name, shape] of Object.entries(shapes)) {
    const ms = (n: number) => medianMs(() => reader.read(Buffer.from(shape(n))));
    const small = ms(10_000);
    const large = ms(80_000);
    const most = repetitionsFor(shape, reader.maxBytes);
    const full = ms(most);
    const size = (Buffer.byteLength(shape(most)) / MIB).toFixed(2);
    // Below a millisecond the fixed costs (decoding the bytes) hide how the work grows.
    const ratio = small >= 1 ? (large / small).toFixed(1) : '—';
    console.log(
      `  ${name.padEnd(28)} 10k ${small.toFixed(1).padStart(7)}  80k ${large.toFixed(1).padStart(7)}  ratio ${ratio.padStart(5)}  ${size} MiB (${most.toLocaleString('en-US')}) ${full.toFixed(1).padStart(8)}`,
    );
  }
}
