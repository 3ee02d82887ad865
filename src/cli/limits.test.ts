/** @jest-environment node */
// The CLI's limits against a hostile Prometheus on 127.0.0.1: an answer too big to hold, a body that drips,
// credentials never echoed, durations and point counts refused before a query is sent.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from '../testing/cli';
import { MAX_ANSWER_BYTES, prometheusClient, redactUrl } from './prometheus';

let server: Server;
let url: string;
let answer: (res: import('node:http').ServerResponse) => void;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => timers.forEach(clearInterval));
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** An endless body, written in 1 MiB chunks as fast as the client reads them (never held whole here). */
const endless = (res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(1 << 20, ' ');
  res.write('{"status":"success","data":{"resultType":"vector","result":[');
  const more = () => {
    while (res.write(chunk)) {
      /* until the socket pushes back */
    }
  };
  res.on('drain', more);
  res.on('close', () => res.off('drain', more));
  more();
};

it('refuses an answer past the byte cap as it arrives, naming what to narrow', async () => {
  answer = endless;
  const client = prometheusClient(url, {}, 30_000, fetch, 8 << 20);
  const started = Date.now();
  await expect(client.instant('up', 1769817600_000)).rejects.toThrow(
    'Prometheus answered more than 8 MiB for one query (--max-answer-mb): narrow the profile'
  );
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(MAX_ANSWER_BYTES).toBe(64 << 20);
});

it('counts reading the body in the timeout: a dripping body fails at the timeout', async () => {
  // A server of its own: no connection of another test's answer in the way.
  const drip = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const t = setInterval(() => res.write(' '), 100);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  });
  await new Promise<void>((resolve) => drip.listen(0, '127.0.0.1', resolve));
  try {
    const client = prometheusClient(`http://127.0.0.1:${(drip.address() as AddressInfo).port}`, {}, 500);
    const started = Date.now();
    await expect(client.instant('up', 1769817600_000)).rejects.toThrow('did not answer within 0.5 s (--timeout)');
    expect(Date.now() - started).toBeLessThan(1_500);
  } finally {
    drip.closeAllConnections();
    await new Promise((resolve) => drip.close(resolve));
  }
});

it('never prints the credentials of a URL, however they are written', async () => {
  expect(redactUrl('http://admin:s3cr/et@prometheus:9090')).toBe('http://<credentials>@prometheus:9090');
  expect(redactUrl('ftp://u:p@h')).toBe('ftp://<credentials>@h');
  expect(redactUrl('http://prometheus:9090/x')).toBe('http://prometheus:9090/x');
  const r = await runCli(['check', '--prometheus', 'ftp://admin:s3cr/et@prometheus:9090']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--prometheus must be an http:// or https:// URL');
  expect(r.stderr).not.toContain('s3cr');
});

it('names the flag of a URL whose password is not valid percent-encoding', async () => {
  const r = await runCli(['check', '--prometheus', 'http://admin:%E0%A4%A@127.0.0.1:1']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--prometheus: the user name or password in the URL is not valid percent-encoding');
  expect(r.stderr).not.toMatch(/internal error|URI malformed/);
});

it.each([
  [['--timeout', '30d'], '--timeout must be at most 1h, not "30d"'],
  [['--timeout', '300y'], '--timeout must be a positive duration such as "5m", "1h30m" or "7d", at most 10y'],
  [['--range', '300y'], '--range must be a positive duration such as "5m", "1h30m" or "7d", at most 10y'],
  [
    ['--range', '10y', '--step', '1s'],
    '--range 10y at --step 1s is 315360001 points a series; Prometheus answers at most 11000: give a --step of at least 7h57m52s',
  ],
  [['--range', '1d', '--step', '7s'], '--range 1d at --step 7s is 12343 points a series'],
])('refuses %j before it sends anything', async (args, message) => {
  let asked = 0;
  answer = (res) => {
    asked++;
    res.writeHead(500).end();
  };
  const r = await runCli(['check', '--prometheus', url, ...args]);
  expect([r.code, asked]).toEqual([2, 0]);
  expect(r.stderr).toContain(message);
});

describe('files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'perfscope-files-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a named pipe with no writer', () => (execFileSync('mkfifo', [join(dir, 'p')]), join(dir, 'p')), 'a named pipe'],
    ['a device that never ends', () => '/dev/zero', 'a device'],
    ['a directory', () => dir, 'a directory'],
    [
      'a file past 1 MiB',
      () => (writeFileSync(join(dir, 'big.json'), ' '.repeat((1 << 20) + 1)), join(dir, 'big.json')),
      'more than 1 MiB',
    ],
  ])('reads no profile from %s, and says so at once', async (_what, make, says) => {
    const path = make();
    const started = Date.now();
    const r = await runCli(['rules', '--profile', path]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining(`--profile ${path}: ${says}`)]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('writes --out only over a regular file: a symbolic link or a pipe is left alone and named', async () => {
    const target = join(dir, 'target.yml');
    writeFileSync(target, 'kept');
    symlinkSync(target, join(dir, 'link.yml'));
    execFileSync('mkfifo', [join(dir, 'pipe.yml')]);
    for (const [name, what] of [
      ['link.yml', 'a symbolic link'],
      ['pipe.yml', 'a named pipe'],
    ]) {
      const r = await runCli(['rules', '--out', join(dir, name)]);
      expect([r.code, r.stderr]).toEqual([
        2,
        expect.stringContaining(`--out ${join(dir, name)}: ${what}, not a regular file`),
      ]);
    }
    expect(readFileSync(target, 'utf8')).toBe('kept');
    expect(lstatSync(join(dir, 'link.yml')).isSymbolicLink()).toBe(true);
    const r = await runCli(['rules', '--out', join(dir, 'new.yml')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'new.yml'), 'utf8')).toContain('groups:');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

it('never repeats a secret a server echoes, in any form, and bounds the message', async () => {
  const token = 'tok/secret+value=42 padded';
  const forms = [
    token,
    encodeURIComponent(token),
    Buffer.from(token).toString('base64'),
    Buffer.from(token).toString('base64url'),
  ];
  answer = (res) => {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'error',
        errorType: 'bad_data',
        error: `${'x'.repeat(190)} ${forms.join(' ')} ${'y'.repeat(5 << 20)}`,
      })
    );
  };
  const client = prometheusClient(url, { PERFSCOPE_PROMETHEUS_TOKEN: token }, 30_000);
  const message = await client.instant('up', 1769817600_000).then(
    () => '',
    (e: Error) => e.message
  );
  for (const f of [...forms, token.slice(0, 10)]) {
    expect([f, message.includes(f)]).toEqual([f, false]);
  }
  expect(message).toContain('[secret]');
  expect(message.length).toBeLessThan(2048);
});

it('refuses an answer of more series than --max-series, naming the flag', async () => {
  answer = (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const result = Array.from({ length: 12 }, (_, i) => ({ metric: { service: `s${i}` }, value: [1769817600, '1'] }));
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
  };
  const r = await runCli(['check', '--prometheus', url, '--max-series', '10']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('Prometheus answered 12 series for one query; the CLI reads at most 10 (--max-series)');
  const bad = await runCli(['check', '--prometheus', url, '--max-answer-mb', '0.5']);
  expect(bad.stderr).toContain('--max-answer-mb must be a whole number from 1 to 1024, not 0.5');
});

it('refuses an answer of 100,000 series by default, within bounded memory', async () => {
  const body = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: Array.from({ length: 100_000 }, (_, i) => ({ metric: { service: `s${i}` }, value: [1769817600, '1'] })),
    },
  });
  answer = (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  };
  const before = process.memoryUsage().rss;
  const r = await runCli(['check', '--prometheus', url]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(
    'Prometheus answered 100000 series for one query; the CLI reads at most 10000 (--max-series)'
  );
  expect(process.memoryUsage().rss - before).toBeLessThan(300 << 20);
});

it('follows at most 10 redirects, on the same host only', async () => {
  let asked = 0;
  answer = (res) => {
    asked++;
    res.writeHead(307, { Location: '/api/v1/query' }).end();
  };
  const r = await runCli(['check', '--prometheus', url]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/Prometheus at http:\/\/127\.0\.0\.1:\d+ redirected more than 10 times in a row/);
  // Bounded: the queries under way (6 at once) each stop at their request and 10 redirects.
  expect(asked).toBeLessThan(200);
});

it('follows no redirect to another host', async () => {
  answer = (res) => res.writeHead(302, { Location: 'http://elsewhere.invalid/api/v1/query' }).end();
  const r = await runCli(['check', '--prometheus', url]);
  expect(r.stderr).toContain(
    'redirected to http://elsewhere.invalid; PerfScope follows redirects on the same host only'
  );
});
