import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import type { Band, Profile } from '../scoring';
import type { Measure } from './measures';

export type QueryType = 'health' | 'domainOverhead' | 'sla' | 'mttr' | 'promql' | 'group';

/** What counts as a breach for an MTTR query. */
export interface BreachCondition {
  kind: 'score' | 'indicator' | 'tier';
  /** score and indicator: in breach when the band is this one or worse. */
  band?: Exclude<Band, 'ok' | 'nodata'>;
  indicator?: string;
  tier?: string;
}

/** The query model pkg/models/query.go reads. */
export interface PerfScopeQuery extends DataQuery {
  queryType?: QueryType;
  /** Regular expression for $service (default: every service); dashboard variables are interpolated. */
  service?: string;
  /** Regular expression for $domain (domainOverhead). */
  domain?: string;
  /** Regular expression of domains a domainOverhead query leaves out. */
  excludeDomain?: string;
  /** PromQL of a promql query. */
  expr?: string;
  /** Fixes $__rate_interval (otherwise max(4 x scrape interval, interval + scrape interval)). */
  rateInterval?: string;
  condition?: BreachCondition;
  /** The one number per labelled series an alert query returns (measures.ts); dashboards get every frame. */
  measure?: Measure;
  /** tierFiring: only this burn-rate tier. */
  tier?: string;
  /** group: regular expression of the profile's group ids (default: every group). */
  group?: string;
}

export type AuthType = 'none' | 'basic' | 'bearer' | 'headers';

/** jsonData: everything but secrets (pkg/models/settings.go). */
export interface PerfScopeDataSourceOptions extends DataSourceJsonData {
  url?: string;
  authType?: AuthType;
  basicAuthUser?: string;
  tlsSkipVerify?: boolean;
  tlsAuthWithCACert?: boolean;
  timeoutSeconds?: number;
  maxConcurrentQueries?: number;
  /** MiB of answers one request reads at most (all its queries together); default 64. */
  maxAnswerMB?: number;
  /** Series of one answer at most; default 10,000. */
  maxSeries?: number;
  scrapeInterval?: string;
}

/**
 * The scoring profile in jsonData.profile, which the app settings page writes (absent: the default profile).
 * Grafana's DataSourceJsonData declares `profile` as a string (for AWS profiles), so it is read through here.
 */
export const profileOf = (jsonData: PerfScopeDataSourceOptions): Profile | undefined => {
  const profile: unknown = (jsonData as { profile?: unknown }).profile;
  return typeof profile === 'object' && profile !== null ? (profile as Profile) : undefined;
};

/** Custom headers follow Grafana's convention: httpHeaderNameN in jsonData, httpHeaderValueN secret. */
export const headerName = (n: number) => `httpHeaderName${n}`;
export const headerValue = (n: number) => `httpHeaderValue${n}`;

/** secureJsonData: write-only secrets. */
export interface PerfScopeSecureJsonData {
  basicAuthPassword?: string;
  bearerToken?: string;
  tlsCACert?: string;
  [header: string]: string | undefined;
}

export const defaultQuery: Partial<PerfScopeQuery> = { queryType: 'health', service: '.*' };
