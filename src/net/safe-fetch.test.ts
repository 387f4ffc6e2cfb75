import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress, type SafeFetchOptions, safeFetch } from './safe-fetch.ts';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['not an address', 'invalid'],
  ])('classifies %s as %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('safeFetch refusals before any connection', () => {
  const strict: SafeFetchOptions = { timeoutMs: 2000, maxBytes: 1024, accept: 'application/json' };

  it.each([
    'https://127.0.0.1/status',
    'https://10.0.0.8/status',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/status',
    'https://[::ffff:127.0.0.1]/status',
  ])('refuses %s', async (url) => {
    expect(await safeFetch(url, strict)).toMatchObject({ ok: false, code: 'FETCH_ADDRESS_NOT_ALLOWED' });
  });

  it('refuses a name that resolves to loopback', async () => {
    expect(await safeFetch('https://localhost/status', strict)).toMatchObject({
      code: 'FETCH_ADDRESS_NOT_ALLOWED',
    });
  });

  it('refuses a name when any one of its addresses is private', async () => {
    const resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    expect(await safeFetch('https://mixed.example/', { ...strict, resolve })).toMatchObject({
      code: 'FETCH_ADDRESS_NOT_ALLOWED',
    });
  });

  it('refuses plain http unless private fetching is allowed', async () => {
    expect(await safeFetch('http://issuer.example/status', strict)).toMatchObject({
      code: 'FETCH_SCHEME_NOT_ALLOWED',
    });
  });

  it('refuses a host outside allowHosts', async () => {
    expect(
      await safeFetch('https://evil.example/', { ...strict, allowHosts: ['issuer.example'] }),
    ).toMatchObject({
      code: 'FETCH_HOST_NOT_ALLOWED',
    });
  });

  it('refuses URLs with credentials in them', async () => {
    expect(await safeFetch('https://user:pw@issuer.example/', strict)).toMatchObject({
      code: 'FETCH_BAD_URL',
    });
  });

  it('reports a name that does not resolve without throwing', async () => {
    const resolve = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await safeFetch('https://nowhere.example/', { ...strict, resolve })).toMatchObject({
      code: 'FETCH_DNS_FAILED',
    });
  });
});

describe('safeFetch against a local server', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/list') {
        res.writeHead(200, { 'content-type': 'application/vc+ld+json; charset=utf-8', etag: '"v1"' });
        res.end('{"ok":true}');
      } else if (path === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
        res.end();
      } else if (path === '/big-declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
        res.end();
      } else if (path === '/slow') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{');
        setTimeout(() => res.end('}'), 2000);
      } else if (path === '/html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>hi</p>');
      } else if (path === '/gone') {
        res.writeHead(410, { 'content-type': 'application/json' });
        res.end('{"revoked":true}');
      } else if (path === '/redirect') {
        res.writeHead(302, { location: '/list' });
        res.end();
      } else if (path === '/redirect-twice') {
        res.writeHead(302, { location: '/redirect' });
        res.end();
      } else if (path === '/redirect-away') {
        res.writeHead(302, { location: 'http://elsewhere.example/list' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const local: SafeFetchOptions = {
    timeoutMs: 1000,
    maxBytes: 16 * 1024,
    accept: ['application/vc+ld+json', 'application/json'],
    allowPrivate: true,
  };

  it('returns the body, status, media type and etag', async () => {
    const result = await safeFetch(`${base}/list`, local);
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      contentType: 'application/vc+ld+json',
      etag: '"v1"',
    });
    expect(result.ok && result.body.toString()).toBe('{"ok":true}');
  });

  it('connects to the address it checked rather than resolving the name again', async () => {
    let lookups = 0;
    const resolve = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const port = new URL(base).port;
    const result = await safeFetch(`http://status.example:${port}/list`, { ...local, resolve });
    expect(result.ok).toBe(true);
    expect(lookups).toBe(1);
  });

  it('stops reading a streamed body past maxBytes', async () => {
    expect(await safeFetch(`${base}/big-chunked`, local)).toMatchObject({
      ok: false,
      code: 'FETCH_TOO_LARGE',
    });
  });

  it('refuses a body whose declared length exceeds maxBytes', async () => {
    expect(await safeFetch(`${base}/big-declared`, local)).toMatchObject({ code: 'FETCH_TOO_LARGE' });
  });

  it('gives up at the deadline', async () => {
    const started = Date.now();
    expect(await safeFetch(`${base}/slow`, { ...local, timeoutMs: 200 })).toMatchObject({
      code: 'FETCH_TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses a media type that was not asked for', async () => {
    expect(await safeFetch(`${base}/html`, local)).toMatchObject({ code: 'FETCH_CONTENT_TYPE' });
  });

  it('reports an error status with its body', async () => {
    const result = await safeFetch(`${base}/gone`, local);
    expect(result).toMatchObject({ ok: false, code: 'FETCH_HTTP_STATUS', status: 410 });
    expect(!result.ok && result.body?.toString()).toBe('{"revoked":true}');
  });

  it('does not follow a redirect by default', async () => {
    expect(await safeFetch(`${base}/redirect`, local)).toMatchObject({ code: 'FETCH_REDIRECT' });
  });

  it('follows as many redirects as allowed and no more', async () => {
    expect(await safeFetch(`${base}/redirect`, { ...local, maxRedirects: 1 })).toMatchObject({ ok: true });
    expect(await safeFetch(`${base}/redirect-twice`, { ...local, maxRedirects: 1 })).toMatchObject({
      code: 'FETCH_REDIRECT',
    });
  });

  it('checks every redirect hop again', async () => {
    const result = await safeFetch(`${base}/redirect-away`, {
      ...local,
      maxRedirects: 3,
      allowHosts: ['127.0.0.1'],
    });
    expect(result).toMatchObject({ code: 'FETCH_HOST_NOT_ALLOWED' });
  });

  it('reports a refused connection without throwing', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await safeFetch(`http://127.0.0.1:${port}/`, local)).toMatchObject({ code: 'FETCH_NETWORK' });
  });
});
