import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Field, RadioButtonGroup, useStyles2 } from '@grafana/ui';

import type { DomainSettings } from '../../scoring';
import { DomainOverrides } from './DomainOverrides';
import { fieldsOf, QueryField, TextField } from './fields';
import { ThresholdRow } from './ThresholdRow';
import { sameParts, type Draft } from './useDraft';

const QUERIES: Array<{ key: keyof DomainSettings & `${string}Query`; label: string; description: string }> = [
  {
    key: 'domainTimeQuery',
    label: 'Time in each domain (PromQL)',
    description: 'Share of request time: seconds per second spent in each domain, per service and domain',
  },
  {
    key: 'totalTimeQuery',
    label: 'Total request time (PromQL)',
    description: 'Share of request time: seconds per second spent serving requests, per service',
  },
  {
    key: 'domainLatencyQuery',
    label: 'Mean latency of each domain (PromQL)',
    description: 'Against the baseline: compared with itself one baseline offset earlier',
  },
];

/** The thresholds every domain has: the system total, and each domain's unless it has its own. */
const LEVELS = [
  { key: 'system' as const, label: 'System total' },
  { key: 'defaults' as const, label: 'Every domain' },
];

/** The mode whose overhead a query computes: the others' are kept, and shown only when they have a problem. */
const usedIn = (key: string) => (key === 'domainLatencyQuery' ? 'baseline' : 'share');

/** The mode, overhead thresholds for every domain, per-domain overrides, the system total, and the queries. */
export const DomainsSection = React.memo(
  function DomainsSection({ d }: { d: Draft }) {
    const styles = useStyles2(getStyles);
    const dom = d.draft.domains;
    const field = fieldsOf('domains', dom, d.setDomains, (key) => d.problem(`domains.${key}`));
    const mode = field('mode');
    return (
      <section aria-labelledby="perfscope-domains" className={styles.section}>
        <h3 id="perfscope-domains">Domain overhead</h3>
        <Field
          label="Overhead of a domain"
          description="Its share of request time, or its latency growth against the baseline"
          invalid={Boolean(mode.error)}
          error={mode.error}
        >
          <RadioButtonGroup
            options={[
              { value: 'share' as const, label: 'Share of request time' },
              { value: 'baseline' as const, label: 'Against the baseline' },
            ]}
            value={mode.value}
            onChange={mode.onChange}
          />
        </Field>
        {(dom.mode === 'baseline' || field('baselineOffset').error) && (
          <TextField
            label="Baseline offset"
            description='How long ago the baseline is, e.g. "7d"'
            {...field('baselineOffset')}
          />
        )}
        {LEVELS.map(({ key, label }) => (
          <ThresholdRow
            key={key}
            d={d}
            path={`domains.${key}`}
            label={label}
            value={dom[key]}
            onChange={(t) => d.setDomains({ [key]: t })}
          />
        ))}
        <DomainOverrides d={d} />
        {QUERIES.filter((q) => usedIn(q.key) === dom.mode || field(q.key).error).map((q) => (
          <QueryField key={q.key} label={q.label} description={q.description} {...field(q.key)} />
        ))}
      </section>
    );
  },
  sameParts((d) => d.draft.domains)
);

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
});
