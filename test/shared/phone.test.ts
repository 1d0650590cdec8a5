import { describe, expect, it } from 'vitest';
import { HouseholdContact } from '../../shared/contacts.ts';
import { vnMobileE164 } from '../../shared/phone.ts';

describe('a Vietnamese mobile number in E.164', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['0912.345.678', '+84912345678'],
    ['0912-345-678', '+84912345678'],
    ['+84912345678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['(+84) 912 345 678', '+84912345678'],
    ['+84 0912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0084912345678', '+84912345678'],
    [' 0351234567 ', '+84351234567'],
    ['0561234567', '+84561234567'],
    ['0701234567', '+84701234567'],
    ['0861234567', '+84861234567'],
    ['０９１２３４５６７８', '+84912345678'],
  ])('%j is %s', (input, e164) => {
    expect(vnMobileE164(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'Chưa có số điện thoại'],
    ['   ', 'Chưa có số điện thoại'],
    ['09123abc78', 'chỉ gồm chữ số'],
    ['0912+345678', 'chỉ gồm chữ số'],
    ['+1 415 555 0100', 'mã nước khác +84'],
    ['0044 20 7946 0958', 'mã nước khác +84'],
    ['024 3825 1234', 'Số máy bàn'],
    ['+84 24 3825 1234', 'Số máy bàn'],
    ['01661234567', '2018'],
    ['+84 166 123 4567', '2018'],
    ['091234567', 'có 9'],
    ['09123456789', 'có 11'],
    ['0412345678', 'đầu số di động'],
    ['0612345678', 'đầu số di động'],
    ['912345678', 'bắt đầu bằng 0 hoặc +84'],
  ])('%j is refused: %s', (input, words) => {
    const check = vnMobileE164(input);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason.vi).toContain(words);
    expect(check.reason.en.length).toBeGreaterThan(10);
  });

  it('writes every reason in NFC Vietnamese', () => {
    for (const input of ['', 'x', '+1 2', '0241234567', '01661234567', '091', '0412345678', '912345678']) {
      const check = vnMobileE164(input);
      if (!check.ok) expect(check.reason.vi).toBe(check.reason.vi.normalize('NFC'));
    }
  });
});

describe('a household contact record', () => {
  it('takes a mobile number, a Zalo id, a preference and the opt-out', () => {
    const c = { rollId: 'DG-017', phone: '0912 345 678', zaloId: '2468458835296197922', prefers: 'zalo', optedOut: false };
    expect(HouseholdContact.parse(c)).toEqual(c);
  });

  it('refuses a landline with the reason, in both languages', () => {
    const r = HouseholdContact.safeParse({ rollId: 'DG-017', phone: '024 3825 1234', optedOut: false });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['phone']);
    expect(issue.message).toContain('landline');
    expect((issue as { params?: { vi?: string } }).params?.vi).toContain('Số máy bàn');
  });

  it('refuses a Zalo id that is not digits, and any field it does not know', () => {
    expect(HouseholdContact.safeParse({ rollId: 'DG-017', zaloId: 'abc', optedOut: false }).success).toBe(false);
    expect(HouseholdContact.safeParse({ rollId: 'DG-017', optedOut: false, head: 'Nguyễn Văn A' }).success).toBe(false);
  });
});
