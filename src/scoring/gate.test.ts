/** @jest-environment node */
import { healthScore } from './composite';
import { gate, type GateInput } from './gate';
import { defaultProfile } from './profile/defaults';

const profile = defaultProfile();
const values = { latency_p95: 0.35, error_rate: 0.05, cpu: 85, memory: 80, availability: 99.95, throughput: 3 };
const rule = { minScore: 70, allowMissing: false };

/** The gate's input from a health score: its score and its key indicators' sub-scores. */
const inputOf = (v: Record<string, number | null>): GateInput => {
  const h = healthScore(profile, v);
  return { score: h.score, keys: h.indicators.filter((i) => i.key).map((i) => ({ id: i.id, subScore: i.subScore })) };
};

describe('gate', () => {
  it('fails on a key indicator past its critical threshold, whatever the score', () => {
    expect(gate(inputOf({ ...values, error_rate: 1 }), { ...rule, minScore: 0 }).fails).toBe(false);
    const v = gate(inputOf({ ...values, error_rate: 1.01 }), { ...rule, minScore: 0 });
    expect(v).toMatchObject({ fails: true, criticalKeys: ['error_rate'], belowMinScore: false });
    expect(gate(inputOf({ ...values, cpu: 99 }), { ...rule, minScore: 0 }).criticalKeys).toEqual([]);
  });

  it('fails below the minimum score, not on it', () => {
    expect(gate({ score: 70, keys: [] }, rule).fails).toBe(false);
    expect(gate({ score: 69.99, keys: [] }, rule)).toMatchObject({ fails: true, belowMinScore: true });
  });

  it('never passes missing data unless it is allowed', () => {
    const missing = { score: null, keys: [{ id: 'error_rate', subScore: null }] };
    expect(gate(missing, rule)).toMatchObject({ fails: true, noScore: true, missingKeys: ['error_rate'] });
    expect(gate({ score: NaN, keys: [] }, rule).noScore).toBe(true);
    expect(gate(missing, { ...rule, allowMissing: true })).toMatchObject({ fails: false, missingKeys: [] });
  });
});
