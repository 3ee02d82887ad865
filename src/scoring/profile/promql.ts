import { parser } from '@prometheus-io/lezer-promql';

import { VARIABLE_PATTERN } from '../variables';

const VARIABLE = new RegExp(VARIABLE_PATTERN, 'y');

/**
 * Replaces template variables outside string literals with harmless values so the query can be parsed:
 * a duration ("5m") inside a range selector or after `offset`, the number 1 anywhere else. Variables inside
 * strings ("$service") are valid PromQL as they are.
 */
export function substituteVariables(query: string): string {
  return substitute(query).text;
}

/** The substituted text, and for each of its characters the index of the character it came from. */
function substitute(query: string): { text: string; source: number[] } {
  let out = '';
  const source: number[] = [];
  const emit = (text: string, from: number) => {
    out += text;
    for (let k = 0; k < text.length; k++) {
      source.push(from);
    }
  };
  let quote = '';
  let rangeDepth = 0;
  for (let i = 0; i < query.length;) {
    const ch = query[i];
    if (quote) {
      emit(ch, i);
      if (ch === '\\' && quote !== '`' && i + 1 < query.length) {
        emit(query[i + 1], i + 1);
        i += 2;
        continue;
      }
      if (ch === quote) {
        quote = '';
      }
      i++;
      continue;
    }
    VARIABLE.lastIndex = i;
    const variable = VARIABLE.exec(query);
    if (variable) {
      emit(rangeDepth > 0 || /\boffset\s*$/i.test(out) ? '5m' : '1', i);
      i += variable[0].length;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '[') {
      rangeDepth++;
    } else if (ch === ']') {
      rangeDepth = Math.max(0, rangeDepth - 1);
    }
    emit(ch, i);
    i++;
  }
  return { text: out, source };
}

/** Why a query does not parse as PromQL, or null when it does. Template variables are allowed. */
export function promqlSyntaxError(query: string): string | null {
  const { text, source } = substitute(query);
  let errorAt = -1;
  parser.parse(text).iterate({
    enter: (node) => {
      if (errorAt < 0 && node.type.isError) {
        errorAt = node.from;
      }
      return errorAt < 0;
    },
  });
  if (errorAt < 0) {
    return null;
  }
  if (errorAt >= text.trimEnd().length) {
    return 'unexpected end of query';
  }
  const at = source[errorAt];
  return `unexpected ${JSON.stringify(query.slice(at, at + 12))} at character ${at + 1}`;
}

/** The metric names a query selects, in order of first use (template variables allowed). */
export function metricNames(query: string): string[] {
  const text = substituteVariables(query);
  const names: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.type.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        const name = id ? text.slice(id.from, id.to) : nameMatcher(text, node.node);
        if (name && !names.includes(name)) {
          names.push(name);
        }
        return false;
      }
      return true;
    },
  });
  return names;
}

/** `{__name__="x"}`: the name given by an equality matcher. */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

function nameMatcher(text: string, selector: SyntaxNode): string | undefined {
  for (const m of selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
    const label = m.getChild('LabelName');
    const value = m.getChild('StringLiteral');
    const op = text.slice(label?.to ?? 0, value?.from ?? 0).trim();
    if (label && value && text.slice(label.from, label.to) === '__name__' && op === '=') {
      return JSON.parse(text.slice(value.from, value.to).replace(/^'|'$/g, '"'));
    }
  }
  return undefined;
}
