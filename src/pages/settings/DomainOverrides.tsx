import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Collapse, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';

import { ThresholdRow } from './ThresholdRow';
import type { Draft } from './useDraft';

/** The domains with thresholds of their own, and a way to give one its own. */
export function DomainOverrides({ d }: { d: Draft }) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(true);
  const [adding, setAdding] = useState('');
  const dom = d.draft.domains;
  const name = adding.trim();
  const domains = Object.keys(dom.overrides);
  const wrong = d.problems.some((p) => p.path.startsWith('domains.overrides'));
  return (
    <Collapse
      label={`Domains with their own thresholds (${domains.length})`}
      isOpen={open || wrong}
      onToggle={() => setOpen(!(open || wrong))}
    >
      {d.problem('domains.overrides') && <p className={styles.error}>{d.problem('domains.overrides')}</p>}
      {domains.length === 0 && <p className={styles.help}>Every domain uses the thresholds above.</p>}
      {Object.entries(dom.overrides).map(([domain, t]) => (
        <ThresholdRow
          key={domain}
          d={d}
          path={`domains.overrides.${domain}`}
          label={domain}
          value={t}
          onChange={(v) => d.setDomains({ overrides: { ...dom.overrides, [domain]: v } })}
          extra={
            <IconButton
              className={styles.remove}
              name="trash-alt"
              tooltip={`Use the defaults for ${domain}`}
              onClick={() => {
                const { [domain]: _, ...rest } = dom.overrides;
                d.setDomains({ overrides: rest });
              }}
            />
          }
        />
      ))}
      <Stack gap={1}>
        <Input
          aria-label="Domain to give its own thresholds"
          placeholder="domain, e.g. compliance_evaluation"
          width={36}
          value={adding}
          onChange={(e) => setAdding(e.currentTarget.value)}
        />
        <Button
          variant="secondary"
          icon="plus"
          disabled={!name || name in dom.overrides}
          onClick={() => {
            d.setDomains({ overrides: { ...dom.overrides, [name]: { ...dom.defaults } } });
            setAdding('');
          }}
        >
          Thresholds for this domain
        </Button>
      </Stack>
    </Collapse>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  remove: css({ marginTop: theme.spacing(3.5) }),
  help: css({ color: theme.colors.text.secondary }),
  error: css({ color: theme.colors.error.text }),
});
