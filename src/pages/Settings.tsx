import React from 'react';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';

export interface AppSettingsProps extends PluginConfigPageProps<AppPluginMeta<{}>> {}

export default function Settings(_props: AppSettingsProps) {
  return <p>PerfScope profile settings.</p>;
}
