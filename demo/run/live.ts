// One run of `perfscope check` against the demo's Prometheus, in this process, captured as text.
import type { Io } from '../../src/cli/command';
import { main as perfscope } from '../../src/cli/main';

export const checkArgs = (prometheusUrl: string, service: string, rateInterval: string, json = false) => [
  'check',
  '--prometheus',
  prometheusUrl,
  '--service',
  service,
  '--rate-interval',
  rateInterval,
  ...(json ? ['--json'] : []),
];

/** Runs the CLI; returns its exit code, standard output and standard error. */
export async function perfscopeCheck(args: string[], colour = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    colour,
    env: process.env,
    now: () => Date.now(),
  };
  const code = await perfscope(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The report as the terminal shows it, with the gate's verdict. */
export async function runCheck(prometheusUrl: string, service: string, rateInterval: string, colour: boolean) {
  const r = await perfscopeCheck(checkArgs(prometheusUrl, service, rateInterval), colour);
  const verdict =
    r.code === 0
      ? 'gate: healthy (exit 0)'
      : r.code === 1
        ? 'gate: unhealthy (exit 1)'
        : 'gate: could not check (exit 2); Prometheus needs two scrapes before the first rates';
  return [r.stdout, r.stderr, verdict].filter((t) => t !== '').join('\n');
}
