/** A value for a string literal in PromQL: backslashes and double quotes escaped. */
export const escapeForString = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** Replaces $name, ${name}, ${name:format} and [[name]] for the variables given; others stay. */
export function interpolate(query: string, vars: Record<string, string>): string {
  return query.replace(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]/g, (whole, a, b, c) => {
    const name = a ?? b ?? c;
    return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : whole;
  });
}
