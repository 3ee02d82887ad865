import { defaultProfile, validateProfile } from '../../scoring';
import { stringFlag } from '../args';
import type { Command } from '../command';
import { EXIT_HEALTHY, EXIT_USAGE, UsageError } from '../errors';
import { readJsonFile } from '../files';

export const profileCommand: Command = {
  name: 'profile',
  summary: 'print the default profile, or validate a profile file',
  usage: 'perfscope profile --default | --validate FILE',
  flags: [
    { name: 'default', help: 'print the default profile as JSON (a starting point to copy and edit)' },
    { name: 'validate', value: 'FILE', help: 'print every problem of the profile in FILE; exit 2 when there is one' },
  ],
  async run(flags, io) {
    const file = stringFlag(flags, 'validate');
    if ((flags.default === true) === (file !== undefined)) {
      throw new UsageError('give exactly one of --default and --validate FILE');
    }
    if (file === undefined) {
      io.out(JSON.stringify(defaultProfile(), null, 2));
      return EXIT_HEALTHY;
    }
    const problems = validateProfile(readJsonFile(file, 'validate'));
    if (problems.length === 0) {
      io.out(`${file}: the profile is valid`);
      return EXIT_HEALTHY;
    }
    for (const p of problems) {
      io.out(p.detail ? `${file}: ${p.message}: ${p.detail}` : `${file}: ${p.message}`);
    }
    io.err(`perfscope profile: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`);
    return EXIT_USAGE;
  },
};
