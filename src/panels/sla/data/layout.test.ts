import type { Measure } from '../../../views/layout';
import { objectivesLayout, pickerFitsButtons } from './layout';

const mono: Measure = (text, size) => text.length * size * 0.6;

describe('objectivesLayout', () => {
  it('fills a small panel with the one card, its value as large as the card allows', () => {
    const l = objectivesLayout({ width: 150, height: 78 }, 1, '15 minutes', true, mono);
    expect(l.columns).toBe(1);
    expect(l.cardHeight).toBe(78);
    expect(mono('15 minutes', l.valueFont)).toBeLessThanOrEqual(150 - 16);
  });

  it('puts four cards in a row when they fit, in two balanced rows when they do not', () => {
    expect(objectivesLayout({ width: 800, height: 500 }, 4, '150.000%', false, mono).columns).toBe(4);
    expect(objectivesLayout({ width: 420, height: 280 }, 4, '150.000%', false, mono).columns).toBe(2);
  });

  it('grows the values with the panel, never past the card', () => {
    const small = objectivesLayout({ width: 420, height: 280 }, 4, '150.000%', false, mono);
    const large = objectivesLayout({ width: 1600, height: 880 }, 4, '150.000%', false, mono);
    expect(large.valueFont).toBeGreaterThan(small.valueFont);
    expect(mono('150.000%', large.valueFont)).toBeLessThanOrEqual((1600 - 24) / 4 - 16);
    expect(large.burnDownHeight).toBeGreaterThan(small.burnDownHeight);
    expect(small.burnDownHeight).toBe(42);
  });
});

describe('pickerFitsButtons', () => {
  const six = ['budget-burn', 'degraded', 'domain-overhead', 'healthy', 'incident', 'slow-drain'];

  it('shows buttons when they fit on one line', () => {
    expect(pickerFitsButtons(six, 800, mono)).toBe(true);
  });

  it('turns to a list when they do not, or when there are many', () => {
    expect(pickerFitsButtons(six, 420, mono)).toBe(false);
    expect(pickerFitsButtons([...six, 'one-more'], 1600, mono)).toBe(false);
  });
});
