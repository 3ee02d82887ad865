import React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';

import { Overview } from '../pages/Overview';

/** The app's pages under /a/perfscope-health-app/: the overview (the settings are the config page). */
function App(_props: AppRootProps) {
  return (
    <Routes>
      <Route path="overview" element={<Overview />} />
      <Route path="*" element={<Navigate to="overview" replace />} />
    </Routes>
  );
}

export default App;
