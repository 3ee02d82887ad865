import React, { useState } from 'react';
import { Input } from '@grafana/ui';

interface Props {
  /** The panel's own value; undefined keeps the app settings' value (shown as the placeholder). */
  value: number | undefined;
  inherited: number;
  onChange: (value: number | undefined) => void;
  label: string;
  width?: number;
}

/** A number that overrides the app settings for one panel; emptied, the app's value applies again. */
export function OverrideNumber({ value, inherited, onChange, label, width = 10 }: Props) {
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  // A new value from outside (options reset, undo) replaces what was typed.
  const [last, setLast] = useState(shown);
  if (shown !== last) {
    setLast(shown);
    setText(shown);
  }
  const commit = () => {
    const trimmed = text.trim();
    const parsed = Number(trimmed);
    if (trimmed === '') {
      onChange(undefined);
    } else if (Number.isFinite(parsed)) {
      onChange(parsed);
    } else {
      setText(shown);
    }
  };
  return (
    <Input
      aria-label={label}
      title={`${label} (app settings: ${inherited})`}
      type="number"
      width={width}
      value={text}
      placeholder={String(inherited)}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
