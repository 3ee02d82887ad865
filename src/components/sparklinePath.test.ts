/** @jest-environment node */
import { sparklinePath } from './sparklinePath';

describe('sparklinePath', () => {
  it('scales values into the box, the lowest at the bottom', () => {
    const shape = sparklinePath([0, 50, 100], [0, 50, 100], 100, 10);
    expect(shape.path).toBe('M0 10L50 5L100 0');
    expect([shape.min, shape.max, shape.points]).toEqual([0, 100, 3]);
  });

  it('breaks the line at a missing value', () => {
    expect(sparklinePath([0, 1, 2, 3], [1, NaN, 1, 1], 30, 10, { min: 0, max: 2 }).path).toBe('M0 5M20 5L30 5');
  });

  it('keeps the lowest and the highest value of each pixel column', () => {
    const t = Array.from({ length: 1000 }, (_, i) => i);
    const v = t.map((i) => (i === 500 ? 100 : 50));
    const shape = sparklinePath(t, v, 10, 100, { min: 0, max: 100 });
    expect(shape.path).toContain('L5 50L5 0');
    expect(shape.path.split(/[ML]/).length - 1).toBeLessThanOrEqual(2 * 11);
  });

  it('clamps values outside a fixed range and draws nothing without data', () => {
    expect(sparklinePath([0, 1], [150, -5], 10, 10, { min: 0, max: 100 }).path).toBe('M0 0L10 10');
    expect(sparklinePath([0, 1], [NaN, NaN], 10, 10).path).toBe('');
    expect(sparklinePath([5], [3], 10, 10).path).toBe('M0 5 h1');
  });
});
