import type { InterpolateFunction, Labels } from '@grafana/data';

/**
 * What Grafana's template service does for the data-link macros the panels' links use:
 * ${__field.name} and ${__field.labels.<label>}, from the link's data context.
 */
export const replaceVariables: InterpolateFunction = (text, scopedVars) => {
  const field = (scopedVars?.__dataContext?.value as { field?: { name: string; labels?: Labels } } | undefined)?.field;
  return text.replace(/\$\{__field\.(name|labels\.(\w+))\}/g, (whole, what, label) => {
    if (!field) {
      return whole;
    }
    return what === 'name' ? field.name : encodeURIComponent(field.labels?.[label] ?? '');
  });
};
