import { describe, expect, it } from 'vitest';
import { afterFiles } from '../../cli/danban.ts';
import { AFTER_FILES, verifyAfter } from '../../shared/verify-after/index.ts';
import { expected, readCopy } from '../support/vectors.ts';

describe('the files danban verify gives the checks after the result', () => {
  it.each(Object.keys(expected.copies))('without a record or contributions, leave out the roll and the participants and change no check (%s)', async (copy) => {
    const files = await readCopy(copy);
    const fewer = afterFiles(files);
    expect(Object.keys(fewer)).not.toContain('roll.json');
    expect(Object.keys(fewer)).not.toContain('participants.json');
    expect(await verifyAfter(fewer)).toEqual(await verifyAfter(files));
  });

  it.each(AFTER_FILES)('with %s published, are every file', async (name) => {
    const files = { ...(await readCopy('good')), [name]: new Uint8Array([0x7b, 0x7d]) };
    expect(afterFiles(files)).toBe(files);
  });
});
