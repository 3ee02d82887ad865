import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { defaultProfile, type Profile, type ProfileProblem } from '../scoring';
import type { PresetCatalogue } from '../scoring/presets/presetCatalogue';
import { defaultQuery, profileOf, type PerfScopeDataSourceOptions, type PerfScopeQuery } from './types';

/** The answer of POST resources/profile/validate (pkg/plugin/resources.go). */
export interface ProfileValidation {
  valid: boolean;
  problems: ProfileProblem[];
  /** Whether the configured Prometheus checked the PromQL; promqlError says why not. */
  promqlChecked: boolean;
  promqlError?: string;
}

export class PerfScopeDataSource extends DataSourceWithBackend<PerfScopeQuery, PerfScopeDataSourceOptions> {
  /** The scoring profile the backend uses: jsonData.profile, or the default profile. */
  readonly profile: Profile;

  constructor(instanceSettings: DataSourceInstanceSettings<PerfScopeDataSourceOptions>) {
    super(instanceSettings);
    this.profile = profileOf(instanceSettings.jsonData) ?? defaultProfile();
  }

  getDefaultQuery(): Partial<PerfScopeQuery> {
    return defaultQuery;
  }

  /** A promql query needs its expression; every other type runs with its defaults. */
  filterQuery(query: PerfScopeQuery): boolean {
    return !query.hide && (query.queryType !== 'promql' || Boolean(query.expr?.trim()));
  }

  /** Dashboard variables: $service, the domain and group filters as regular expressions (several values become a|b). */
  applyTemplateVariables(query: PerfScopeQuery, scopedVars: ScopedVars): PerfScopeQuery {
    const srv = getTemplateSrv();
    return {
      ...query,
      service: query.service ? srv.replace(query.service, scopedVars, 'regex') : query.service,
      domain: query.domain ? srv.replace(query.domain, scopedVars, 'regex') : query.domain,
      excludeDomain: query.excludeDomain ? srv.replace(query.excludeDomain, scopedVars, 'regex') : query.excludeDomain,
      expr: query.expr ? srv.replace(query.expr, scopedVars) : query.expr,
      group: query.group ? srv.replace(query.group, scopedVars, 'regex') : query.group,
    };
  }

  /** Every problem of a profile, checked by the backend (PromQL by the configured Prometheus). */
  validateProfile(profile: unknown): Promise<ProfileValidation> {
    return this.postResource<ProfileValidation>('profile/validate', profile);
  }

  /** The metric presets the backend serves. */
  getPresets(): Promise<PresetCatalogue> {
    return this.getResource<PresetCatalogue>('presets');
  }
}
