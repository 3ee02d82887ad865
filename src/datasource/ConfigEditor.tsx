import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import {
  Button,
  Field,
  FieldSet,
  Input,
  RadioButtonGroup,
  SecretInput,
  SecretTextArea,
  Stack,
  Switch,
  Text,
} from '@grafana/ui';

import { defaultProfile } from '../scoring';
import {
  headerName,
  headerValue,
  profileOf,
  type AuthType,
  type PerfScopeDataSourceOptions,
  type PerfScopeSecureJsonData,
} from './types';

type Props = DataSourcePluginOptionsEditorProps<PerfScopeDataSourceOptions, PerfScopeSecureJsonData>;

const authTypes: Array<{ label: string; value: AuthType }> = [
  { label: 'None', value: 'none' },
  { label: 'Basic', value: 'basic' },
  { label: 'Bearer token', value: 'bearer' },
  { label: 'Custom headers', value: 'headers' },
];

/** Why a URL cannot be used, or null (the backend checks the same and names the field). */
export function urlProblem(url: string | undefined): string | null {
  if (!url) {
    return 'Enter the address of a Prometheus-compatible API, e.g. http://prometheus:9090';
  }
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return 'Use an http:// or https:// address';
    }
    return u.username || u.password ? 'Put credentials in the authentication settings, not in the URL' : null;
  } catch {
    return 'Use an http:// or https:// address';
  }
}

/** How many custom headers the settings hold (httpHeaderName1, 2, ...). */
function headerCount(jsonData: Record<string, unknown>): number {
  let n = 0;
  while (typeof jsonData[headerName(n + 1)] === 'string') {
    n++;
  }
  return n;
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData;
  const raw = jsonData as unknown as Record<string, unknown>;
  const secure = options.secureJsonFields ?? {};
  const authType = jsonData.authType ?? 'none';
  const profile = profileOf(jsonData);

  const setJson = (patch: Record<string, unknown>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });
  const setSecret = (key: string, value: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, [key]: value } });
  const resetSecret = (key: string) =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...options.secureJsonFields, [key]: false },
      secureJsonData: { ...options.secureJsonData, [key]: '' },
    });
  const secret = (key: string, label: string) => ({
    'aria-label': label,
    isConfigured: Boolean(secure[key]),
    value: options.secureJsonData?.[key] ?? '',
    onChange: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setSecret(key, e.currentTarget.value),
    onReset: () => resetSecret(key),
  });
  const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const numberSetting = (
    key: 'timeoutSeconds' | 'maxConcurrentQueries' | 'maxAnswerMB' | 'maxSeries',
    label: string,
    name: string,
    description: string,
    fallback: number,
    min: number,
    max?: number
  ) => (
    <Field label={label} description={description}>
      <Input
        aria-label={name}
        type="number"
        min={min}
        max={max}
        width={12}
        placeholder={String(fallback)}
        value={jsonData[key] ?? ''}
        onChange={(e) => setJson({ [key]: numberOrUndefined(e.currentTarget.value) })}
      />
    </Field>
  );

  const headers = headerCount(raw);
  const urlError = urlProblem(jsonData.url);

  return (
    <>
      <FieldSet label="Prometheus-compatible API">
        <Field
          label="URL"
          description="Prometheus, Thanos, Mimir or VictoriaMetrics (its Prometheus API)"
          invalid={urlError !== null}
          error={urlError}
          required
        >
          <Input
            aria-label="URL"
            width={60}
            placeholder="http://prometheus:9090"
            value={jsonData.url ?? ''}
            onChange={(e) => setJson({ url: e.currentTarget.value })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Authentication">
        <Field label="Method">
          <RadioButtonGroup options={authTypes} value={authType} onChange={(v) => setJson({ authType: v })} />
        </Field>
        {authType === 'basic' && (
          <>
            <Field label="User">
              <Input
                aria-label="User"
                width={40}
                value={jsonData.basicAuthUser ?? ''}
                onChange={(e) => setJson({ basicAuthUser: e.currentTarget.value })}
              />
            </Field>
            <Field label="Password">
              <SecretInput width={40} {...secret('basicAuthPassword', 'Password')} />
            </Field>
          </>
        )}
        {authType === 'bearer' && (
          <Field label="Token" description="Sent as Authorization: Bearer <token>">
            <SecretInput width={60} {...secret('bearerToken', 'Token')} />
          </Field>
        )}
        {authType === 'headers' && (
          <Stack direction="column" gap={1}>
            {Array.from({ length: headers }, (_, i) => (
              <Stack key={i} gap={1} alignItems="center">
                <Input
                  aria-label={`Header ${i + 1} name`}
                  width={30}
                  placeholder="X-Scope-OrgID"
                  value={String(raw[headerName(i + 1)] ?? '')}
                  onChange={(e) => setJson({ [headerName(i + 1)]: e.currentTarget.value })}
                />
                <SecretInput width={40} {...secret(headerValue(i + 1), `Header ${i + 1} value`)} />
              </Stack>
            ))}
            <div>
              <Button
                variant="secondary"
                icon="plus"
                size="sm"
                onClick={() => setJson({ [headerName(headers + 1)]: '' })}
              >
                Add header
              </Button>
            </div>
          </Stack>
        )}
      </FieldSet>

      <FieldSet label="TLS">
        <Field
          label="Skip certificate verification"
          description="Only for testing: anyone on the path can read and change the traffic"
        >
          <Switch
            aria-label="Skip certificate verification"
            value={Boolean(jsonData.tlsSkipVerify)}
            onChange={(e) => setJson({ tlsSkipVerify: e.currentTarget.checked })}
          />
        </Field>
        <Field label="With CA certificate" description="Trust a private certificate authority">
          <Switch
            aria-label="With CA certificate"
            value={Boolean(jsonData.tlsAuthWithCACert)}
            onChange={(e) => setJson({ tlsAuthWithCACert: e.currentTarget.checked })}
          />
        </Field>
        {jsonData.tlsAuthWithCACert && (
          <Field label="CA certificate">
            <SecretTextArea
              cols={60}
              rows={6}
              placeholder="-----BEGIN CERTIFICATE-----"
              {...secret('tlsCACert', 'CA certificate')}
            />
          </Field>
        )}
      </FieldSet>

      <FieldSet label="Queries">
        {numberSetting(
          'timeoutSeconds',
          'Timeout (seconds)',
          'Timeout',
          'For each Prometheus query; default 30',
          30,
          1
        )}
        {numberSetting(
          'maxConcurrentQueries',
          'Max concurrent queries',
          'Max concurrent queries',
          'Indicator queries run in parallel up to this many; default 6',
          6,
          1,
          100
        )}
        {numberSetting(
          'maxAnswerMB',
          'Max answer size (MiB)',
          'Max answer size',
          'What one request reads from Prometheus at most, all its queries together; past it the query fails and says so; default 64',
          64,
          1,
          1024
        )}
        {numberSetting(
          'maxSeries',
          'Max series',
          'Max series',
          'Series one Prometheus answer may hold; default 10000',
          10000,
          1,
          1000000
        )}
        <Field
          label="Scrape interval"
          description="For $__rate_interval: max(4 x scrape interval, interval + scrape interval); default 15s"
        >
          <Input
            aria-label="Scrape interval"
            width={12}
            placeholder="15s"
            value={jsonData.scrapeInterval ?? ''}
            onChange={(e) => setJson({ scrapeInterval: e.currentTarget.value || undefined })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Scoring profile">
        <Text element="p" color="secondary">
          {profile
            ? `${profile.indicators.filter((i) => i.enabled).length} enabled indicators, ${profile.aggregation} aggregation, SLA ${profile.sla.target}% over ${profile.sla.period}.`
            : `The default profile: ${defaultProfile().indicators.filter((i) => i.enabled).length} enabled indicators, SLA ${defaultProfile().sla.target}% over ${defaultProfile().sla.period}.`}{' '}
          Thresholds, weights and queries are edited on the PerfScope app&apos;s settings page, which writes them here.
        </Text>
      </FieldSet>
    </>
  );
}
