import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

import type { AppSettingsProps } from './pages/Settings';

const LazyApp = lazy(() => import('./components/App'));
const LazySettings = lazy(() => import('./pages/Settings'));

const App = (props: AppRootProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading PerfScope" />}>
    <LazyApp {...props} />
  </Suspense>
);

const Settings = (props: AppSettingsProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading settings" />}>
    <LazySettings {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<{}>().setRootPage(App).addConfigPage({
  title: 'Settings',
  icon: 'cog',
  body: Settings,
  id: 'settings',
});
