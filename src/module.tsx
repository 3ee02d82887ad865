import React, { Suspense, lazy } from 'react';
import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';

import type { AppJsonData } from './components/profile/appProfile';
import type { AppSettingsProps } from './pages/Settings';

// The pages load on demand: a dashboard that only shows PerfScope panels never downloads them.
const LazyApp = lazy(() => import('./components/App'));
const LazySettings = lazy(() => import('./pages/Settings'));

const App = (props: AppRootProps<AppJsonData>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading PerfScope" />}>
    <LazyApp {...props} />
  </Suspense>
);

const Settings = (props: AppSettingsProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading the PerfScope settings" />}>
    <LazySettings {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Settings',
  icon: 'cog',
  body: Settings,
  id: 'settings',
});
