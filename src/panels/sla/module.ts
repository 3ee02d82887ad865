import { PanelPlugin } from '@grafana/data';

import { SlaPanel } from './SlaPanel';

export const plugin = new PanelPlugin(SlaPanel);
