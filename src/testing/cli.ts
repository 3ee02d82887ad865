import type { Io } from '../cli/command';
import { main } from '../cli/main';

/** Runs the CLI in-process with captured output. */
export async function runCli(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colour: false,
    env,
    now: () => Date.UTC(2026, 0, 31),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
