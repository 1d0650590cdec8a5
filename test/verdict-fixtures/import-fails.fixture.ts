import { expect, it } from 'vitest';

throw new Error('the module fails to load on purpose');

// biome-ignore lint/correctness/noUnreachable: the module is meant to fail before its tests are defined
it('never defined', () => {
  expect(true).toBe(true);
});
