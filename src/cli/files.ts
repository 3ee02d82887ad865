import { lstatSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { defaultProfile, parseProfile, type Profile } from '../scoring';
import { UsageError } from './errors';

/** The most an input file may hold: a profile is a few KiB; 1 MiB leaves room for any real one. */
export const MAX_INPUT_BYTES = 1 << 20;

/** What a path is when it is not a regular file, in words; null for a regular file (or none at all). */
function notRegular(stats: Stats | undefined): string | null {
  if (!stats || stats.isFile()) {
    return null;
  }
  if (stats.isSymbolicLink()) {
    return 'a symbolic link';
  }
  if (stats.isDirectory()) {
    return 'a directory';
  }
  return stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
}

/**
 * Parsed JSON of the file a flag names. Only a regular file of at most MAX_INPUT_BYTES is read (a pipe with no
 * writer would wait forever, /dev/zero never ends); unreadable or malformed files are usage errors naming the flag.
 */
export function readJsonFile(path: string, flag: string): unknown {
  let text: string;
  try {
    const what = notRegular(statSync(path));
    if (what) {
      throw new UsageError(`--${flag} ${path}: ${what}, not a regular file`);
    }
    if (statSync(path).size > MAX_INPUT_BYTES) {
      throw new UsageError(`--${flag} ${path}: more than ${MAX_INPUT_BYTES >> 20} MiB, too big for a profile`);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) {
      throw e;
    }
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

/** The profile of `--profile FILE` (or another flag's), or the default one; an invalid profile lists every problem. */
export function loadProfile(path: string | undefined, flag = 'profile'): Profile {
  if (path === undefined) {
    return defaultProfile();
  }
  const { profile, problems } = parseProfile(readJsonFile(path, flag));
  if (!profile) {
    throw new UsageError(
      `--${flag} ${path}: the profile has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      problems.map((p) => (p.detail ? `${p.message}: ${p.detail}` : p.message))
    );
  }
  return profile;
}

/**
 * Writes the whole file or nothing: a temporary file next to it, then a rename. Only a regular file (or a new
 * one) is replaced: a symbolic link, pipe or device at the path is left alone and named.
 */
export function writeAtomically(path: string, text: string) {
  let existing: Stats | undefined;
  try {
    existing = lstatSync(path);
  } catch {
    existing = undefined; // a new file
  }
  const what = notRegular(existing);
  if (what) {
    throw new UsageError(`--out ${path}: ${what}, not a regular file; PerfScope writes only regular files`);
  }
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
