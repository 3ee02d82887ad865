import React from 'react';
import type { PanelProps } from '@grafana/data';

export function DomainOverheadPanel({ data }: PanelProps) {
  return <div>{data.series.length} series</div>;
}
