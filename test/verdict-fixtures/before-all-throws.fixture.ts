import { beforeAll, describe, expect, it } from 'vitest';

it('passes outside the broken suite', () => {
  expect(true).toBe(true);
});
describe('a suite whose setup throws', () => {
  beforeAll(() => {
    throw new Error('beforeAll failed on purpose');
  });
  it('never runs (1)', () => {
    expect(true).toBe(true);
  });
  it('never runs (2)', () => {
    expect(true).toBe(true);
  });
});
