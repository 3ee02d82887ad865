import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Combobox, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import { grafanaMeasure } from '../../../components/measure';
import { pickerFitsButtons } from '../data/layout';

interface Props {
  services: string[];
  value: string;
  onChange: (service: string) => void;
  width: number;
}

/** Chooses the service the SLA panel shows: buttons when they fit on a line, a searchable list otherwise. */
export function ServicePicker({ services, value, onChange, width }: Props) {
  const styles = useStyles2(getStyles);
  const options = services.map((s) => ({ label: s, value: s }));
  return (
    <div className={styles.picker} role="group" aria-label="Service">
      {pickerFitsButtons(services, width, grafanaMeasure) ? (
        <RadioButtonGroup size="sm" options={options} value={value} onChange={onChange} />
      ) : (
        <Combobox
          aria-labelledby="perfscope-sla-service"
          width={28}
          options={options}
          value={value}
          onChange={(o) => o?.value && onChange(o.value)}
        />
      )}
      <span id="perfscope-sla-service" className={styles.label}>
        Service
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  picker: css({
    display: 'flex',
    flexDirection: 'row-reverse',
    justifyContent: 'flex-end',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  }),
  label: css({ fontSize: theme.typography.bodySmall.fontSize }),
});
