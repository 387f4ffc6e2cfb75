// "Verify your domain" through DNS: a real resolver query (node:dns) to a small DNS server on loopback that
// answers TXT questions from a table, as an organization's DNS host would after it added the record.
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDomain } from './domain-check.ts';
import { instructionsFor } from './domain-model.ts';

const TOKEN = 'tessera-domain-verification=3f1c2a9b7d';
const records = new Map<string, string[]>();
let server: Socket;
let dnsServer: string;

/** The question's name (labels joined with dots) and where the question section ends. */
function questionOf(query: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (query[at] !== 0) {
    const length = query[at] ?? 0;
    labels.push(query.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), end: at + 5 };
}

/** An answer to a TXT question: the query's id and question, then one TXT record per string (NXDOMAIN if none). */
function answer(query: Buffer): Buffer {
  const { name, end } = questionOf(query);
  const texts = records.get(name) ?? [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(texts.length > 0 ? 0x8180 : 0x8183, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(texts.length, 6);
  const answers = texts.map((text) => {
    const data = Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'ascii')]);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(16, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(300, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...answers]);
}

beforeAll(async () => {
  server = createSocket('udp4');
  server.on('message', (query, from) => server.send(answer(query), from.port, from.address));
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  dnsServer = `127.0.0.1:${server.address().port}`;
});

afterAll(() => server?.close());

const noFileServer = { verifyAllowHosts: [], verifyAllowPrivate: false };

describe('verifying a domain through its DNS TXT record', () => {
  it('finds the token in the _tessera-challenge TXT record the organization published', async () => {
    const { txtName } = instructionsFor('badges.example.edu', TOKEN);
    records.set(txtName, ['v=spf1 -all', TOKEN]);
    const check = await checkDomain(noFileServer, 'badges.example.edu', TOKEN, { dnsServers: [dnsServer] });
    expect(check).toEqual({ found: true, via: 'dns' });
  });

  it('says the record does not carry the token when it holds another one', async () => {
    const { txtName } = instructionsFor('old.example.edu', TOKEN);
    records.set(txtName, ['tessera-domain-verification=someone-elses']);
    const check = await checkDomain(noFileServer, 'old.example.edu', TOKEN, { dnsServers: [dnsServer] });
    expect(check.found).toBe(false);
    if (!check.found) expect(check.problems).toContain(`The TXT record ${txtName} does not carry the token.`);
  });

  it('says there is no record when the name does not exist', async () => {
    const check = await checkDomain(noFileServer, 'nothing.example.edu', TOKEN, { dnsServers: [dnsServer] });
    expect(check.found).toBe(false);
    if (!check.found)
      expect(check.problems.join('\n')).toMatch(/No TXT record _tessera-challenge\.nothing\.example\.edu/);
  });
});
