import React from 'react';
import type { PanelProps } from '@grafana/data';

export function HealthScorePanel({ data }: PanelProps) {
  return <div>{data.series.length} series</div>;
}
