import { UsageError } from './errors';

/** `--at`: RFC 3339 ("2026-01-31T00:00:00Z") or Unix seconds; ms since the epoch. */
export function parseTime(text: string, flag: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const ms = /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--${flag} must be an RFC 3339 time such as 2026-01-31T12:00:00Z or Unix seconds, not ${JSON.stringify(text)}`
    );
  }
  return ms;
}
