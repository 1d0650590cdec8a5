/** The contacts CSV: Vietnamese headers, `,` or `;`, every bad line named in Vietnamese, nothing taken when one is bad. */
import { describe, expect, it } from 'vitest';
import { readContactsCsv, votingOpenedText } from '../../../functions/core/contacts.ts';
import { codeLikeProblem } from '../../../functions/core/notifier.ts';

describe('the contacts CSV', () => {
  it('takes Vietnamese headers, semicolons, a byte-order mark and the opt-out column', () => {
    const r = readContactsCsv('\ufeffMã hộ;Số điện thoại;Zalo;Từ chối nhận tin\r\nTD-01;0912 345 678;;\r\nTD-02;;12345;Có\r\n');
    expect(r.problems).toEqual([]);
    expect(r.contacts).toEqual([
      { rollId: 'TD-01', phone: '0912 345 678', optedOut: false },
      { rollId: 'TD-02', zaloId: '12345', optedOut: true },
    ]);
  });

  it('names every bad line in Vietnamese: a landline, a bad roll id, a repeated household, a bad opt-out', () => {
    const r = readContactsCsv(
      ['roll_id,phone,zalo_id,opt_out', 'H-1,024 3825 1234,,', 'bad id!,0912345678,,', 'H-2,0912345678,,', 'H-2,0987654321,,', 'H-3,,,maybe'].join('\n'),
    );
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 5, 6]);
    for (const p of r.problems) expect(p.vi).toMatch(/^Dòng \d+: /);
    expect(r.problems[0]!.vi).toContain('máy bàn');
    expect(r.problems[2]!.vi).toContain('H-2');
  });

  it('refuses a file without the roll id column', () => {
    expect(readContactsCsv('phone\n0912345678\n').problems[0]!.vi).toContain('Mã hộ');
  });

  it('the voting-opened notice names the round and its closing in Vietnam time, and carries nothing like a code', () => {
    const text = votingOpenedText({ title: 'Lắp đèn', closesAt: '2026-12-10T10:00:00Z' });
    expect(text.vi).toContain('17:00 ngày 10/12/2026');
    expect(codeLikeProblem(text.vi)).toBeUndefined();
  });
});
