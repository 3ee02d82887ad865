import { parseProfile, type ProfileProblem, type Profile } from '../../scoring';

/** The name an exported profile is saved as. */
export const EXPORT_NAME = 'perfscope-profile.json';

/** The profile as the JSON file `perfscope check --profile` and `perfscope rules --profile` read. */
export const profileJson = (profile: Profile) => `${JSON.stringify(profile, null, 2)}\n`;

/** A profile read from JSON text, or every problem that stops it: the JSON's, else the library's. */
export function readProfileJson(
  text: string
): { profile: Profile; problems: [] } | { profile: null; problems: ProfileProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { profile: null, problems: [{ path: '', message: `it is not JSON: ${(e as Error).message}` }] };
  }
  const parsed = parseProfile(raw);
  return parsed.profile ? { profile: parsed.profile, problems: [] } : { profile: null, problems: parsed.problems };
}

/** A file's text (FileReader: every browser Grafana supports has it). */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * Offers the text for download as a file. The link is never put in the page, so Grafana's handling of link
 * clicks (which routes them inside the app) does not see it.
 */
export function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
