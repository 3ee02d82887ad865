// `frames serve` (tools/frames): a stand-in for Grafana's /api/ds/query in front of a Prometheus, answering
// each query in the frames Grafana's Prometheus datasource returns.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');

/** `frames serve` in front of the Prometheus at `prometheus`; resolves with its URL once it listens. */
export function framesServe(prometheus: string): Promise<{ url: string; child: ChildProcess }> {
  const built = spawnSync('go', ['build', '-o', '.cache/bin/frames', './tools/frames'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    throw new Error('go build ./tools/frames failed');
  }
  const child = spawn(join(root, '.cache/bin/frames'), ['serve', '--prometheus', prometheus], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('frames serve did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`frames serve exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /frames serve: (http:\/\/\S+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1], child });
      }
    });
  });
}
