import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** The compact, ruled table the panels explain themselves with (breakdown, burn-rate tiers). */
export const smallTable = (theme: GrafanaTheme2) =>
  css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.25, 0.75),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      whiteSpace: 'nowrap',
    },
    'thead th': { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    'tbody th': { fontWeight: theme.typography.fontWeightRegular },
  });
