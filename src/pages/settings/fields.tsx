import React, { useState } from 'react';
import { Field, Input } from '@grafana/ui';

interface NumberFieldProps {
  id: string;
  label: string;
  value: number;
  onChange: (value: number) => void;
  error?: string;
  description?: string;
  width?: number;
}

/** A number with the library's message under it when it is wrong; text that is not a number stays NaN. */
export function NumberField({ id, label, value, onChange, error, description, width = 12 }: NumberFieldProps) {
  const shown = Number.isFinite(value) ? String(value) : '';
  const [text, setText] = useState(shown);
  const [last, setLast] = useState(shown);
  if (shown !== last && !Object.is(text.trim() === '' ? NaN : Number(text), value)) {
    setLast(shown);
    setText(shown);
  }
  return (
    <Field label={label} invalid={Boolean(error)} error={error} description={description}>
      <Input
        id={id}
        width={width}
        inputMode="decimal"
        value={text}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          setLast(t);
          onChange(t.trim() === '' ? NaN : Number(t));
        }}
      />
    </Field>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  width?: number;
}

export function TextField({ id, label, value, onChange, error, description, width = 16 }: TextFieldProps) {
  return (
    <Field label={label} invalid={Boolean(error)} error={error} description={description}>
      <Input id={id} width={width} value={value} onChange={(e) => onChange(e.currentTarget.value)} />
    </Field>
  );
}
