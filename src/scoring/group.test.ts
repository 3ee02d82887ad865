import { bandOf } from './bands';
import { groupScore, groupScores, groupServices, newGroup, ruleHolds } from './group';
import type { Group } from './types';

const group = (id: string, extra: Partial<Group>): Group => newGroup(id, { name: id.toUpperCase(), ...extra });

describe('ruleHolds', () => {
  it('counts "at least N" inclusively', () => {
    expect(ruleHolds({ band: 'critical', members: 'critical', atLeast: 2 }, 2, 5)).toBe(true);
    expect(ruleHolds({ band: 'critical', members: 'critical', atLeast: 2 }, 1, 5)).toBe(false);
  });
  it('reads "more than P %" strictly, without rounding the division', () => {
    const rule = (morePercent: number) => ({ band: 'warning' as const, members: 'warning' as const, morePercent });
    expect(ruleHolds(rule(20), 1, 5)).toBe(false);
    expect(ruleHolds(rule(19.999999), 1, 5)).toBe(true);
    // 1/3 * 100 is 33.333333333333336 in doubles; one in three is not more than 33.333333333333336 %
    expect(ruleHolds(rule(100 / 3), 1, 3)).toBe(false);
    expect(ruleHolds(rule(0), 0, 0)).toBe(false);
  });
});

describe('groupScores', () => {
  const groups = [
    group('checkout', {
      services: ['web', 'gone'],
      groups: ['payments'],
      keyMembers: ['payments'],
      rules: [{ band: 'critical', members: 'warning', atLeast: 2 }],
    }),
    group('payments', { services: ['pay', 'bank'], aggregation: 'worst' }),
  ];
  const scores = { web: 95, pay: 60, bank: 80 };

  it('scores nested groups first and lets a key member cap the parent', () => {
    const all = groupScores(groups, scores);
    expect(all.payments.score).toBe(60);
    // (95 + 60) / 2 = 77.5, capped by payments at 60
    expect(all.checkout.score).toBe(60);
    expect(all.checkout.cappedBy).toBe('payments');
    expect(all.checkout.name).toBe('CHECKOUT');
  });

  it('counts a member without data against every rule and keeps it out of the score', () => {
    const r = groupScore(groups, 'checkout', scores)!;
    expect(r.noData).toEqual(['gone']);
    expect(r.rules[0]).toMatchObject({ count: 2, held: true }); // payments (warning) and gone (no data)
    expect(r.band).toBe('critical');
    expect(bandOf(r.score)).toBe('warning');
    expect(r.members.map((m) => `${m.kind}:${m.id}:${m.band}:${m.key}`)).toEqual([
      'service:web:ok:false',
      'service:gone:nodata:false',
      'group:payments:warning:true',
    ]);
  });

  it('has no score and no band without any member with data', () => {
    const r = groupScore(groups, 'checkout', {})!;
    expect(r.score).toBeNull();
    expect(r.band).toBe('nodata');
    expect(r.noData).toEqual(['web', 'gone', 'payments']);
  });

  it('answers null for an unknown group', () => {
    expect(groupScore(groups, 'nowhere', scores)).toBeNull();
  });
});

describe('groupServices', () => {
  it('lists the services of nested groups once, in order, and survives a cycle', () => {
    const groups = [
      group('a', { services: ['s1'], groups: ['b', 'c'] }),
      group('b', { services: ['s2', 's1'], groups: ['a'] }),
      group('c', { services: ['s3'] }),
    ];
    expect(groupServices(groups, 'a')).toEqual(['s1', 's2', 's3']);
    expect(groupServices(groups, 'nowhere')).toEqual([]);
  });
});
