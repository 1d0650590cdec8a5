import { describe, expect, it } from 'vitest';
import { MESSAGES, STATUS } from '../../../functions/http/messages.ts';

describe('the messages shown to people', () => {
  it.each(Object.entries(MESSAGES))('%s is in Vietnamese (NFC) and in English', (code, m) => {
    expect(m.vi.trim()).not.toBe('');
    expect(m.en.trim()).not.toBe('');
    expect(m.vi).toBe(m.vi.normalize('NFC'));
    expect(m.vi).not.toBe(m.en);
    expect(STATUS[code as keyof typeof STATUS]).toBeGreaterThanOrEqual(400);
  });

  it('busy names no ballot: it answers a ledger entry, a comment or a document as well', () => {
    expect(MESSAGES.busy.vi).not.toMatch(/phiếu/i);
    expect(MESSAGES.busy.en).not.toMatch(/ballot|vote/i);
    expect(MESSAGES.busy.vi).toContain('chưa có gì được ghi nhận');
    expect(MESSAGES.busy.en).toContain('nothing was recorded');
  });
});
