// Reading back what a PDF shows, for tests: every content stream inflated, every hex string decoded.
// pdf-lib ends a stream's bytes with "\nendstream"; a "\r" right before it belongs to the compressed data
// (reading it as part of the line break would cut the stream and lose its text now and then).
import { inflateSync } from 'node:zlib';

/** WinAnsi bytes 0x80–0x9f that differ from Latin-1 (the rest of WinAnsi is Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  130: '‚',
  132: '„',
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
  153: '™',
};

/**
 * The text a PDF written with standard fonts shows: every content stream inflated, every hex string
 * decoded from WinAnsi. Each drawn run of text comes out whole, so a test can look for a phrase.
 */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)].flatMap((m) => {
    try {
      return [inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1')];
    } catch {
      return [];
    }
  });
  return streams
    .join('\n')
    .replace(/<([0-9A-Fa-f]+)>/g, (_, hex: string) =>
      [...Buffer.from(hex, 'hex')].map((byte) => WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte)).join(''),
    );
}
