import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, Input, Switch, TextArea, useStyles2 } from '@grafana/ui';

/** A field of the profile: its input's id, label and value, and the library's message when it is wrong. */
interface ProfileFieldProps<T> {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  error?: string;
  description?: string;
  width?: number;
}

const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text));
const numberText = (value: number) => (Number.isFinite(value) ? String(value) : '');

/** A number with the library's message under it when it is wrong; text that is not a number stays NaN. */
export const NumberField = ({ width = 12, ...props }: ProfileFieldProps<number>) => (
  <ParsedField parse={numberOf} format={numberText} inputMode="decimal" width={width} {...props} />
);

/** Text on one line, or with `rows` a PromQL query: several lines, monospaced, no spelling checks. */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  description,
  width = 16,
  rows,
}: ProfileFieldProps<string> & { rows?: number }) {
  const monospace = useStyles2(getMonospace);
  return (
    <Field label={label} invalid={Boolean(error)} error={error} description={description}>
      {rows ? (
        <TextArea
          id={id}
          rows={rows}
          value={value}
          spellCheck={false}
          className={monospace}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <Input id={id} width={width} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/**
 * A value typed as text on one line (a number, a list, weights...): `parse` reads the text, `format` writes the
 * value. The text stays as typed while the value is the one it gave ("1h," is still 1h, "1e2" still 100); a new
 * value from elsewhere replaces it.
 */
export function ParsedField<T>({
  id,
  label,
  value,
  onChange,
  error,
  description,
  width = 16,
  parse,
  format,
  inputMode,
}: ProfileFieldProps<T> & {
  parse: (text: string) => T;
  format: (value: T) => string;
  inputMode?: 'decimal';
}) {
  const shown = format(value);
  const [text, setText] = useState(shown);
  const [last, setLast] = useState(shown);
  if (shown !== last) {
    setLast(shown);
    setText(shown);
  }
  return (
    <Field label={label} invalid={Boolean(error)} error={error} description={description}>
      <Input
        id={id}
        width={width}
        inputMode={inputMode}
        value={text}
        onChange={(e) => {
          const typed = e.currentTarget.value;
          const parsed = parse(typed);
          setText(typed);
          setLast(format(parsed));
          onChange(parsed);
        }}
      />
    </Field>
  );
}

const listText = (items: string[]) => items.join(', ');
const listItems = (text: string) => (text.trim() === '' ? [] : text.split(',').map((s) => s.trim()));

/** A list of short words ("1h, 6h, 1d"), comma-separated. */
export const ListField = (props: ProfileFieldProps<string[]>) => (
  <ParsedField parse={listItems} format={listText} {...props} />
);

/**
 * The problem of a list's first wrong item (`windows[1] must be...`), with its place and value, or undefined:
 * shown under the list's one input.
 */
export function itemProblem(problem: (path: string) => string | undefined, path: string, items: string[]) {
  for (let i = 0; i < items.length; i++) {
    const p = problem(`${path}[${i}]`);
    if (p) {
      return `Item ${i + 1} (${JSON.stringify(items[i])}) ${p}`;
    }
  }
  return undefined;
}

/** On or off. */
export function SwitchField({ id, label, value, onChange, description }: Omit<ProfileFieldProps<boolean>, 'width'>) {
  return (
    <Field label={label} description={description}>
      <Switch id={id} value={value} onChange={(e) => onChange(e.currentTarget.checked)} />
    </Field>
  );
}

/** A PromQL query, with the library's message (and the parser's words) under it when it is wrong. */
export const QueryField = (props: Omit<ProfileFieldProps<string>, 'width'>) => <TextField rows={2} {...props} />;

const getMonospace = (theme: GrafanaTheme2) => css({ fontFamily: theme.typography.fontFamilyMonospace });

/**
 * The props that bind the fields of one part of the profile (the SLA, a tier, an indicator...) to the draft:
 * `field(key)` gives that field's input id (`perfscope-<prefix>-<key>`), value, edit and problem.
 */
export function fieldsOf<T extends object>(
  prefix: string,
  part: T,
  set: (patch: Partial<T>) => void,
  problem: (key: string) => string | undefined
) {
  return <K extends keyof T & string>(key: K) => ({
    id: `perfscope-${prefix}-${key}`,
    value: part[key],
    onChange: (value: T[K]) => set({ [key]: value } as unknown as Partial<T>),
    error: problem(key),
  });
}
