import { expect, it } from 'vitest';

it('passes', () => {
  expect(true).toBe(true);
});
it.skip('is left unrun', () => {
  expect(true).toBe(false);
});
