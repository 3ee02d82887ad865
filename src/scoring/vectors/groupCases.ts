// Inputs of the group vectors (sections groups and group-validation); registered in ./cases.
import { newGroup } from '../group';
import { defaultProfile } from '../profile/defaults';
import type { Group, GroupRule } from '../types';
import type { Encoded } from './codec';

interface Case {
  name: string;
  input: unknown;
}

const g = newGroup;
const atLeast = (band: GroupRule['band'], members: GroupRule['members'], n: number): GroupRule => ({
  band,
  members,
  atLeast: n,
});
const more = (band: GroupRule['band'], members: GroupRule['members'], p: number): GroupRule => ({
  band,
  members,
  morePercent: p,
});

// ok, info, info, critical, ok: as the five fixture services under the default profile
const five: Record<string, Encoded> = { a: 100, b: 85, c: 81.25, d: 10, e: 100 };
const fiveNames = Object.keys(five);

export function groupCases(): Case[] {
  const c = (name: string, groups: Group[], services: Record<string, Encoded>) => ({
    name,
    input: { groups, services },
  });
  return [
    c('weighted mean', [g('x', { services: fiveNames })], five),
    c('uneven weights', [g('x', { services: ['a', 'd'], weights: { a: 3, d: 1 } })], five),
    c('weight 0 left out of the mean', [g('x', { services: ['a', 'd'], weights: { d: 0 } })], five),
    c('lowest key member caps', [g('x', { services: ['a', 'b', 'c'], keyMembers: ['b', 'c'] })], five),
    c('key member above the mean does not cap', [g('x', { services: ['a', 'b', 'd'], keyMembers: ['b'] })], five),
    c('worst-of', [g('x', { services: fiveNames, aggregation: 'worst' })], five),
    c('worst-of keeps weight 0', [g('x', { services: ['a', 'd'], aggregation: 'worst', weights: { d: 0 } })], five),
    c(
      'at least 1 critical: just met',
      [g('x', { services: fiveNames, rules: [atLeast('critical', 'critical', 1)] })],
      five
    ),
    c(
      'at least 2 critical: just missed',
      [g('x', { services: fiveNames, rules: [atLeast('critical', 'critical', 2)] })],
      five
    ),
    c(
      'more than 19 % and 20 % warning: one of five is 20 %',
      [g('x', { services: fiveNames, rules: [more('warning', 'warning', 19), more('critical', 'warning', 20)] })],
      five
    ),
    c(
      'more than 59 % and 60 % info',
      [g('x', { services: fiveNames, rules: [more('warning', 'info', 59.999), more('critical', 'info', 60)] })],
      five
    ),
    c(
      'more than 0 % with none matching',
      [g('x', { services: ['a', 'e'], rules: [more('warning', 'info', 0)] })],
      five
    ),
    c(
      'the worst held rule wins, whatever the order',
      [g('x', { services: fiveNames, rules: [atLeast('critical', 'info', 3), atLeast('warning', 'info', 1)] })],
      five
    ),
    c(
      'a rule no better than the score band leaves it',
      [g('x', { services: ['d'], rules: [atLeast('info', 'critical', 1)] })],
      five
    ),
    c(
      'a member without data: out of the score, counted by every rule',
      [g('x', { services: ['a', 'gone'], rules: [atLeast('critical', 'critical', 1), more('warning', 'info', 50)] })],
      five
    ),
    c('NaN and +Inf are no data', [g('x', { services: ['a', 'n', 'i'] })], { ...five, n: 'NaN', i: '+Inf' }),
    c(
      'no member with data',
      [g('x', { services: ['gone', 'lost'], rules: [atLeast('critical', 'critical', 1)] })],
      five
    ),
    c('a key member without data does not cap', [g('x', { services: ['a', 'gone'], keyMembers: ['gone'] })], five),
    c(
      'nested group: its band, not its score, counts',
      [
        g('outer', { services: ['a'], groups: ['inner'], rules: [atLeast('critical', 'warning', 1)] }),
        g('inner', { services: ['b', 'c'], rules: [atLeast('warning', 'info', 2)] }),
      ],
      five
    ),
    c(
      'nested group capping as a key member, weighted',
      [
        g('outer', { services: ['a', 'e'], groups: ['inner'], keyMembers: ['inner'], weights: { inner: 2 } }),
        g('inner', { services: ['d', 'b'], aggregation: 'worst' }),
      ],
      five
    ),
    c(
      'three levels, a nested group without data',
      [
        g('top', { groups: ['mid', 'empty'], rules: [atLeast('critical', 'critical', 2)] }),
        g('mid', { services: ['a'], groups: ['leaf'] }),
        g('leaf', { services: ['d'] }),
        g('empty', { services: ['gone'] }),
      ],
      five
    ),
    c('an unknown nested group is no data', [g('x', { services: ['a'], groups: ['nowhere'] })], five),
    c('a cycle is cut, not followed', [g('x', { services: ['a'], groups: ['y'] }), g('y', { groups: ['x'] })], five),
  ];
}

type Json = Record<string, any>;

export function groupValidationCases(): Case[] {
  const withGroups = (name: string, groups: unknown) => {
    const p = defaultProfile() as unknown as Json;
    p.groups = groups;
    return { name, input: { profile: p } };
  };
  const without = defaultProfile() as unknown as Json;
  delete without.groups;
  const member = (id: string, extra: Json = {}) => ({ id, services: ['a', 'b'], ...extra });
  return [
    { name: 'a profile without groups parses', input: { profile: without } },
    withGroups('groups null parses', null),
    withGroups('groups not a list', {}),
    withGroups('a valid portfolio', [
      member('checkout', {
        groups: ['payments'],
        keyMembers: ['payments'],
        weights: { a: 2 },
        rules: [{ band: 'critical', members: 'critical', atLeast: 3 }],
      }),
      member('payments', { aggregation: 'worst', rules: [{ band: 'warning', members: 'info', morePercent: 30 }] }),
    ]),
    withGroups('a group with nothing', [{}]),
    withGroups('a group not an object', ['checkout']),
    withGroups('an id unsafe as a label value', [member('check out'), member('a/b')]),
    withGroups('duplicate ids', [member('x'), member('x')]),
    withGroups('no members', [{ id: 'x', services: [], groups: [] }]),
    withGroups('services not a list of names', [
      { id: 'x', services: 'a' },
      { id: 'y', services: ['a', '', 3] },
    ]),
    withGroups('a member listed twice', [
      member('x', { services: ['a', 'b', 'a'], groups: ['y'] }),
      member('y', { groups: ['a'] }),
    ]),
    withGroups('unknown nested group', [member('x', { groups: ['nowhere'] })]),
    withGroups('a group inside itself', [member('x', { groups: ['x'] })]),
    withGroups('a cycle of three, named once', [
      member('a1', { groups: ['b1'] }),
      member('b1', { groups: ['c1'] }),
      member('c1', { groups: ['a1'] }),
      member('d1', { groups: ['a1'] }),
    ]),
    withGroups('two cycles through one group, each named', [
      member('p', { groups: ['q'] }),
      member('q', { groups: ['p', 'r'] }),
      member('r', { groups: ['q'] }),
      member('s', { groups: ['r'] }),
    ]),
    withGroups('bad aggregation, weights and key members', [
      member('x', { aggregation: 'mean', weights: { a: -1, z: 1, b: 'heavy' }, keyMembers: ['z', 'a'] }),
    ]),
    withGroups('all weights 0 when weighted', [
      member('x', { weights: { a: 0, b: 0 } }),
      member('y', { aggregation: 'worst', weights: { a: 0, b: 0 } }),
    ]),
    withGroups('rules: both, neither, bad bands', [
      member('x', {
        rules: [
          { band: 'critical', members: 'critical', atLeast: 1, morePercent: 10 },
          { band: 'critical', members: 'critical' },
          { band: 'ok', members: 'nodata', atLeast: 1 },
          'often',
        ],
      }),
    ]),
    withGroups('rules: atLeast and morePercent out of range', [
      member('x', {
        rules: [
          { band: 'critical', members: 'critical', atLeast: 3 },
          { band: 'critical', members: 'critical', atLeast: 0 },
          { band: 'critical', members: 'critical', atLeast: 1.5 },
          { band: 'warning', members: 'info', morePercent: 100 },
          { band: 'warning', members: 'info', morePercent: -1 },
          { band: 'warning', members: 'info', morePercent: 99.99 },
          { band: 'critical', members: 'critical', atLeast: 2 },
        ],
      }),
    ]),
    withGroups('rules not a list', [member('x', { rules: {} })]),
  ];
}
