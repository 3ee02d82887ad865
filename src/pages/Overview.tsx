import React from 'react';
import { PluginPage } from '@grafana/runtime';

export function Overview() {
  return (
    <PluginPage>
      <p>Every service&apos;s and domain&apos;s health at a glance.</p>
    </PluginPage>
  );
}
