// Runs the built `perfscope` CLI as a child process, for the tests against the fixture Prometheus.
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const root = join(__dirname, '../..');
const bin = join(root, 'bin/perfscope.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; resolves with its exit code and output (a non-zero exit is not an error here). */
export function perfscope(...args: string[]): Promise<CliResult> {
  if (!existsSync(join(root, 'build/cli/cli/main.js'))) {
    throw new Error('the CLI is not built: run npm run build:cli (npm ci does it)');
  }
  return new Promise((resolve) => {
    execFile('node', [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Writes a profile to a temporary file for --profile; `cleanup` removes it. */
export function profileFile(profile: object): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'perfscope-profile-'));
  const path = join(dir, 'profile.json');
  writeFileSync(path, JSON.stringify(profile));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
