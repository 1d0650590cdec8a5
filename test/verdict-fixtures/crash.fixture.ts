import { expect, it } from 'vitest';

it('kills its worker', () => {
  process.exit(3);
  expect(true).toBe(true);
});
