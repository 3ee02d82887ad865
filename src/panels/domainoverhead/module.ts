import { PanelPlugin } from '@grafana/data';

import { DomainOverheadPanel } from './DomainOverheadPanel';

export const plugin = new PanelPlugin(DomainOverheadPanel);
