const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600e3,
  w: 7 * 24 * 3600e3,
  d: 24 * 3600e3,
  h: 3600e3,
  m: 60e3,
  s: 1e3,
  ms: 1,
};

// Prometheus duration syntax: units largest first, each at most once ("1h30m", "7d", "500ms").
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/**
 * The longest duration PerfScope accepts anywhere (the profile, queries, CLI flags): ten years, far past any
 * SLA period or window, and far inside what Prometheus and a Go time.Duration (292 years) can hold.
 */
export const MAX_DURATION = '10y';
const MAX_DURATION_MS = 10 * UNIT_MS.y;

/** What a duration must be, for messages that name the field or flag. */
export const DURATION_RULE = `a positive duration such as "5m", "1h30m" or "7d", at most ${MAX_DURATION}`;

/** Milliseconds of a positive Prometheus duration string of at most MAX_DURATION, or null when it is not one. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string' || text === '') {
    return null;
  }
  const match = DURATION.exec(text);
  if (!match) {
    return null;
  }
  let ms = 0;
  UNITS.forEach((unit, i) => {
    if (match[i + 1] !== undefined) {
      ms += Number(match[i + 1]) * UNIT_MS[unit];
    }
  });
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : null;
}

/** The shortest Prometheus duration string for a whole number of milliseconds ("90m" -> "1h30m"). */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) {
      text += `${n}${unit}`;
      rest -= n * UNIT_MS[unit];
    }
  }
  return text || '0s';
}
