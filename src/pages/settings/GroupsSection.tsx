import { css } from '@emotion/css';
import React, { useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Field, IconButton, Input, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import { isGroupId, newGroup, ruleText, type Group, type GroupRule, type Severity } from '../../scoring';
import { fieldsOf, itemProblem, ListField, NumberField, ParsedField, TextField } from './fields';
import { sameParts, type Draft } from './useDraft';

const BANDS = (['critical', 'warning', 'info'] as const).map((value) => ({ value, label: value }));
const AGGREGATIONS = [
  { value: 'weighted' as const, label: 'Weighted' },
  { value: 'worst' as const, label: 'Worst of' },
];
const COUNTS = [
  { value: 'atLeast' as const, label: 'At least N members' },
  { value: 'morePercent' as const, label: 'More than P %' },
];
const LISTS = ['services', 'groups', 'keyMembers'] as const;

/** "checkout=2, payments=1": the members' weights; a weight that is not a number stays NaN for the library to name. */
const weightsText = (w: Record<string, number>) =>
  Object.entries(w)
    .map(([member, weight]) => `${member}=${weight}`)
    .join(', ');
function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(',')) {
    const [member, weight = ''] = item.split('=').map((s) => s.trim());
    if (member !== '') {
      out[member] = weight === '' ? NaN : Number(weight);
    }
  }
  return out;
}

/** The portfolio: each group's members, aggregation, weights, key members and N-of-M rules; add and remove. */
export const GroupsSection = React.memo(
  function GroupsSection({ d }: { d: Draft }) {
    const styles = useStyles2(getStyles);
    const [adding, setAdding] = useState('');
    const groups = d.draft.groups;
    const id = adding.trim();
    const taken = groups.some((g) => g.id === id);
    return (
      <section aria-labelledby="perfscope-groups" className={styles.section}>
        <h3 id="perfscope-groups">Groups</h3>
        <p className={styles.help}>
          Products or user journeys scored from their services and nested groups, shown as tiles on the Overview page
          and gated by <code>perfscope check --group ID</code>.
        </p>
        {d.problem('groups') && <p className={styles.error}>{d.problem('groups')}</p>}
        {groups.length === 0 && <p className={styles.help}>The profile has no groups.</p>}
        {groups.map((g, i) => (
          <GroupFields key={i} index={i} group={g} d={d} />
        ))}
        <Stack gap={1}>
          <Field
            label="New group id"
            invalid={id !== '' && (!isGroupId(id) || taken)}
            error={taken ? `${id} is taken` : 'Letters, digits, _, - and .'}
          >
            <Input
              id="perfscope-groups-new"
              placeholder="e.g. checkout"
              width={24}
              value={adding}
              onChange={(e) => setAdding(e.currentTarget.value)}
            />
          </Field>
          <Button
            className={styles.add}
            variant="secondary"
            icon="plus"
            disabled={!isGroupId(id) || taken}
            onClick={() => {
              d.setGroups((gs) => [...gs, newGroup(id)]);
              setAdding('');
            }}
          >
            Add group
          </Button>
        </Stack>
      </section>
    );
  },
  sameParts((d) => d.draft.groups)
);

function GroupFields({ index: i, group: g, d }: { index: number; group: Group; d: Draft }) {
  const styles = useStyles2(getStyles);
  const path = `groups[${i}]`;
  const set = (patch: Partial<Group>) => d.setGroups((gs) => gs.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const field = fieldsOf(`group-${i}`, g, set, (key) =>
    (LISTS as readonly string[]).includes(key)
      ? (d.problem(`${path}.${key}`) ?? itemProblem(d.problem, `${path}.${key}`, g[key as (typeof LISTS)[number]]))
      : d.problem(`${path}.${key}`)
  );
  const weightProblem = Object.keys(g.weights)
    .map((m) => d.problem(`${path}.weights.${m}`) && `${m}: ${d.problem(`${path}.weights.${m}`)}`)
    .find(Boolean);
  const aggregation = field('aggregation');
  const setRule = (k: number, rule: GroupRule | null) =>
    set({ rules: rule ? g.rules.map((r, j) => (j === k ? rule : r)) : g.rules.filter((_, j) => j !== k) });
  return (
    <fieldset className={styles.group} data-group={g.id}>
      <legend>{g.name || g.id || `Group ${i + 1}`}</legend>
      {d.problem(path) && <p className={styles.error}>{d.problem(path)}</p>}
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <TextField label="Id" width={16} {...field('id')} />
        <TextField label="Name" width={20} {...field('name')} />
        <Field label="Aggregation" invalid={Boolean(aggregation.error)} error={aggregation.error}>
          <RadioButtonGroup options={AGGREGATIONS} value={aggregation.value} onChange={aggregation.onChange} />
        </Field>
        <IconButton
          className={styles.remove}
          name="trash-alt"
          tooltip={`Remove group ${g.id}`}
          onClick={() => d.setGroups((gs) => gs.filter((_, k) => k !== i))}
        />
      </Stack>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <ListField label="Services" description="Service names, comma-separated" width={40} {...field('services')} />
        <ListField label="Nested groups" description="Group ids, comma-separated" width={24} {...field('groups')} />
        <ListField
          label="Key members"
          description="Cap the group's score at theirs"
          width={24}
          {...field('keyMembers')}
        />
        <ParsedField
          label="Weights"
          description="member=weight, comma-separated; absent = 1"
          width={24}
          parse={parseWeights}
          format={weightsText}
          {...field('weights')}
          error={d.problem(`${path}.weights`) ?? weightProblem}
        />
      </Stack>
      {g.rules.map((rule, k) => (
        <RuleFields
          key={k}
          d={d}
          path={`${path}.rules[${k}]`}
          id={`group-${i}-rule-${k}`}
          label={`Rule ${k + 1} of ${g.name || g.id}`}
          rule={rule}
          set={(r) => setRule(k, r)}
        />
      ))}
      <Button
        size="sm"
        variant="secondary"
        icon="plus"
        onClick={() => set({ rules: [...g.rules, { band: 'warning', members: 'critical', atLeast: 1 }] })}
      >
        Add rule
      </Button>
    </fieldset>
  );
}

interface RuleFieldsProps {
  d: Draft;
  path: string;
  id: string;
  label: string;
  rule: GroupRule;
  set: (rule: GroupRule | null) => void;
}

/** One N-of-M rule: "<band> when at least N (or more than P %) of the members are <members> or worse". */
function RuleFields({ d, path, id, label, rule, set }: RuleFieldsProps) {
  const styles = useStyles2(getStyles);
  const count = rule.atLeast !== undefined ? 'atLeast' : 'morePercent';
  const { atLeast, morePercent, ...rest } = rule;
  return (
    <div role="group" aria-label={label} className={styles.rule}>
      <p className={styles.words}>{ruleText(rule)}</p>
      <Stack gap={2} wrap="wrap" alignItems="flex-start">
        <Field label="Band" invalid={Boolean(d.problem(`${path}.band`))} error={d.problem(`${path}.band`)}>
          <RadioButtonGroup<Severity> options={BANDS} value={rule.band} onChange={(band) => set({ ...rule, band })} />
        </Field>
        <Field label="When" invalid={Boolean(d.problem(path))} error={d.problem(path)}>
          <RadioButtonGroup
            options={COUNTS}
            value={count}
            onChange={(c) => set({ ...rest, [c]: c === 'atLeast' ? (atLeast ?? 1) : (morePercent ?? 0) })}
          />
        </Field>
        <NumberField
          id={`perfscope-${id}-${count}`}
          label={count === 'atLeast' ? 'N' : 'P %'}
          width={8}
          value={rule[count] ?? NaN}
          onChange={(v) => set({ ...rest, [count]: v })}
          error={d.problem(`${path}.${count}`)}
        />
        <Field
          label="Members in band or worse"
          invalid={Boolean(d.problem(`${path}.members`))}
          error={d.problem(`${path}.members`)}
        >
          <RadioButtonGroup<Severity>
            options={BANDS}
            value={rule.members}
            onChange={(members) => set({ ...rule, members })}
          />
        </Field>
        <IconButton className={styles.remove} name="trash-alt" tooltip="Remove rule" onClick={() => set(null)} />
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(3), maxWidth: 1100 }),
  group: css({
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    padding: theme.spacing(1, 0, 2),
    legend: { fontSize: theme.typography.h5.fontSize, width: 'auto', margin: 0 },
  }),
  rule: css({ paddingLeft: theme.spacing(2), borderLeft: `2px solid ${theme.colors.border.weak}` }),
  remove: css({ marginTop: theme.spacing(3.5) }),
  add: css({ marginTop: theme.spacing(3) }),
  words: css({ margin: theme.spacing(1, 0, 0), fontWeight: theme.typography.fontWeightMedium }),
  help: css({ color: theme.colors.text.secondary }),
  error: css({ color: theme.colors.error.text }),
});
