import { flagHelp, parseFlags } from './args';
import type { Command, Io } from './command';
import { commands } from './commands';
import { EXIT_HEALTHY, EXIT_USAGE, UsageError } from './errors';

function help(list: Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length)) + 2;
  return [
    'perfscope: health score, domain overhead and SLA checks from Prometheus metrics',
    '',
    'usage: perfscope <command> [flags]',
    '',
    ...list.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'exit codes: 0 healthy, 1 unhealthy (score below --min-score or a key indicator critical), 2 bad usage, invalid profile or Prometheus unreachable',
    "run 'perfscope <command> --help' for a command's flags",
  ].join('\n');
}

/** Runs the CLI; returns the exit code. Never throws: every failure becomes a message and exit 2. */
export async function main(argv: string[], io: Io, list: Command[] = commands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(help(list));
    return name === undefined ? EXIT_USAGE : EXIT_HEALTHY;
  }
  const command = list.find((c) => c.name === name);
  if (!command) {
    io.err(`perfscope: unknown command ${JSON.stringify(name)}\n\n${help(list)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`usage: ${command.usage}\n\n${command.summary}\n\n${flagHelp(command.flags)}`);
    return EXIT_HEALTHY;
  }
  try {
    return await command.run(parseFlags(rest, command.flags, command.name), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`perfscope ${command.name}: ${e.message}`);
      for (const line of e.details) {
        io.err(`  ${line}`);
      }
      return EXIT_USAGE;
    }
    // A bug, not bad input: one line, no stack trace (PERFSCOPE_DEBUG=1 shows it).
    io.err(`perfscope ${command.name}: internal error: ${(e as Error).message}`);
    if (io.env.PERFSCOPE_DEBUG) {
      io.err(String((e as Error).stack));
    }
    return EXIT_USAGE;
  }
}

/** The process entry point (bin/perfscope). */
export function run(): void {
  const io: Io = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR ? true : Boolean(process.env.FORCE_COLOR),
    env: process.env,
    now: () => Date.now(),
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
