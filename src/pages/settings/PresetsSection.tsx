import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Combobox, Field, Stack, Switch, useStyles2, type ComboboxOption } from '@grafana/ui';

import type { HttpPreset, Preset, ResourcePreset } from '../../scoring/presets/presetCatalogue';
import { applyPresets, presetById, presets } from '../../scoring/presets/profile';
import { TextField } from './fields';
import type { Draft } from './useDraft';

const options: Record<Preset['kind'], Array<ComboboxOption<string>>> = {
  http: [],
  resources: [],
};
for (const p of presets) {
  options[p.kind].push({ value: p.id, label: p.name, description: p.description.replace(/`/g, '') });
}

interface PresetPickerProps {
  kind: Preset['kind'];
  label: string;
  description: string;
  /** The placeholder while none is chosen: the queries of that kind stay. */
  keep: string;
  value: string | null;
  onChange: (id: string | null) => void;
}

/** One preset of the catalogue, of one kind, or none. */
function PresetPicker({ kind, label, description, keep, value, onChange }: PresetPickerProps) {
  return (
    <Field label={label} description={description}>
      <Combobox
        id={`perfscope-${kind}-preset`}
        width={44}
        isClearable
        placeholder={keep}
        options={options[kind]}
        value={value}
        onChange={(o) => onChange(o?.value ?? null)}
      />
    </Field>
  );
}

/**
 * The instrumentation the services export, from the preset catalogue: choosing an HTTP and a resource preset
 * and the label that names services writes every query of the profile (indicators, SLA, domains) for them.
 */
export const PresetsSection = React.memo(function PresetsSection({
  serviceLabel,
  allowMissing,
  labelProblem,
  replace,
  setServiceLabel,
  setAllowMissing,
}: {
  serviceLabel: string;
  allowMissing: boolean;
  /** The draft's problem with its service label, if any. */
  labelProblem: string | undefined;
  replace: Draft['replace'];
  setServiceLabel: Draft['setServiceLabel'];
  setAllowMissing: Draft['setAllowMissing'];
}) {
  const styles = useStyles2(getStyles);
  const [httpId, setHttpId] = useState<string | null>(null);
  const [resourcesId, setResourcesId] = useState<string | null>(null);
  const http = httpId ? (presetById(httpId) as HttpPreset | undefined) : undefined;
  const resources = resourcesId ? (presetById(resourcesId) as ResourcePreset | undefined) : undefined;
  const usual = [http, resources]
    .filter((p): p is Preset => Boolean(p))
    .map((p) => `${p.name.replace(/ \(.*\)$/, '')} usually "${p.serviceLabel}"`);
  return (
    <section aria-labelledby="perfscope-presets" className={styles.section}>
      <h3 id="perfscope-presets">Instrumentation</h3>
      <p className={styles.help}>
        Choose what your services export and the label that names them: PerfScope writes every query below for them
        (indicators, SLA and domains), keeping your thresholds and weights. Nothing is saved until you press Save.
      </p>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <PresetPicker
          kind="http"
          label="HTTP metrics"
          description="The request-duration histogram and status of your HTTP servers"
          keep="Keep the current HTTP queries"
          value={httpId}
          onChange={setHttpId}
        />
        <PresetPicker
          kind="resources"
          label="CPU and memory metrics"
          description="Where each service's CPU and memory use come from"
          keep="Keep the current CPU and memory queries"
          value={resourcesId}
          onChange={setResourcesId}
        />
      </Stack>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <TextField
          id="perfscope-service-label"
          label="Service label"
          description={`The label that names services in your metrics${usual.length ? ` (${usual.join('; ')})` : ''}`}
          value={serviceLabel}
          onChange={setServiceLabel}
          error={labelProblem}
          width={24}
        />
        <Field label="Allow missing data" description="A key indicator without data does not fail perfscope check">
          <Switch
            id="perfscope-allow-missing"
            value={allowMissing}
            onChange={(e) => setAllowMissing(e.currentTarget.checked)}
          />
        </Field>
      </Stack>
      <Button
        variant="secondary"
        disabled={(!http && !resources) || Boolean(labelProblem)}
        onClick={() => replace((draft) => applyPresets({ serviceLabel, http, resources }, draft))}
      >
        Use these queries
      </Button>
    </section>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3) }),
  help: css({ color: theme.colors.text.secondary }),
});
