import { PanelPlugin } from '@grafana/data';

import { HealthScorePanel } from './HealthScorePanel';

export const plugin = new PanelPlugin(HealthScorePanel);
