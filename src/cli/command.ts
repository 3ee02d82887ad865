import type { FlagSpec, ParsedFlags } from './args';

/** Where a command writes; stdout for results, stderr for messages. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stdout takes ANSI colours. */
  colour: boolean;
  env: Record<string, string | undefined>;
  /** The current time in ms (a clock tests can fix). */
  now: () => number;
}

/** One `perfscope` subcommand. To add one: a new file in ./commands and one line in ./commands/index.ts. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: FlagSpec[];
  /** Returns the exit code; throws UsageError for exit 2. */
  run: (flags: ParsedFlags, io: Io) => Promise<number>;
}
