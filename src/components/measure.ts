import { measureText } from '@grafana/ui';

import type { Measure } from '../views/layout';

/** Text measured as Grafana measures a panel's (its canvas, Grafana's font). */
export const grafanaMeasure: Measure = (text, size, weight) => measureText(text, size, weight).width;
