import { describe, expect, it } from 'vitest';
import { instantToVnLocal, vnLocalToInstant } from '../../../../functions/http/officials/vietnam-time.ts';

describe('times typed in Vietnam time', () => {
  it.each([
    ['2026-11-22T17:00', '2026-11-22T10:00:00Z'],
    ['2026-11-22T17:00:30', '2026-11-22T10:00:30Z'],
    ['2026-11-22 06:59', '2026-11-21T23:59:00Z'],
    ['2027-01-01T00:00', '2026-12-31T17:00:00Z'],
    ['22/11/2026 17:00', '2026-11-22T10:00:00Z'],
    ['1/3/2028 7:05', '2028-03-01T00:05:00Z'],
    ['  2026-11-22T17:00  ', '2026-11-22T10:00:00Z'],
  ])('%s in Vietnam is %s', (typed, instant) => {
    expect(vnLocalToInstant(typed)).toBe(instant);
  });

  it.each([
    '',
    '2026-02-30T10:00',
    '2026-11-22T24:00',
    '2026-13-01T10:00',
    '0099-01-01T10:00',
    '2026-11-22',
    '17:00',
    '2026-11-22T17:00Z',
    '22/11/26 17:00',
    'tomorrow',
  ])('refuses %j', (typed) => {
    expect(vnLocalToInstant(typed)).toBeUndefined();
  });

  it('shows a UTC instant as the form field’s Vietnam time, with seconds only when there are any', () => {
    expect(instantToVnLocal('2026-11-22T10:00:00Z')).toBe('2026-11-22T17:00');
    expect(instantToVnLocal('2026-12-31T17:00:00Z')).toBe('2027-01-01T00:00');
    expect(instantToVnLocal('2026-11-22T10:00:30Z')).toBe('2026-11-22T17:00:30');
    expect(instantToVnLocal('not a time')).toBe('');
  });

  it('reads back what it shows', () => {
    for (const instant of ['2026-11-22T10:00:00Z', '2026-03-01T16:59:59Z', '2030-06-15T00:00:01Z']) {
      expect(vnLocalToInstant(instantToVnLocal(instant))).toBe(instant);
    }
  });
});
