import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { defaultProfile, parseProfile, type Profile } from '../scoring';
import { UsageError } from './errors';

/** Parsed JSON of the file a flag names; unreadable or malformed files are usage errors naming the flag. */
export function readJsonFile(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new UsageError(`--${flag} ${path}: cannot read the file (${why})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--${flag} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** The profile of `--profile FILE`, or the default one; an invalid profile lists every problem. */
export function loadProfile(path: string | undefined): Profile {
  if (path === undefined) {
    return defaultProfile();
  }
  const { profile, problems } = parseProfile(readJsonFile(path, 'profile'));
  if (!profile) {
    throw new UsageError(
      `--profile ${path}: the profile has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      problems.map((p) => (p.detail ? `${p.message}: ${p.detail}` : p.message))
    );
  }
  return profile;
}

/** Writes the whole file or nothing: a temporary file next to it, then a rename. */
export function writeAtomically(path: string, text: string) {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(
      `--out ${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`
    );
  }
}
