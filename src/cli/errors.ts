/** Exit codes: the contract that makes `perfscope` a CI gate. */
export const EXIT_HEALTHY = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_USAGE = 2;

/** Bad usage, an unreadable or invalid profile, Prometheus unreachable: a message for the user, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message (e.g. every profile problem). */
    readonly details: string[] = []
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
