import { describe, expect, it } from 'vitest';
import { hasHiddenReceipt, maskReceipts, RECEIPT_MARKER } from '../../shared/mask-receipts.ts';
import { receiptOf } from '../../shared/receipt.ts';
import { trackingCode } from '../../web/vote/model.ts';

const receipt = receiptOf('01JAAAAAAAAAAAAAAAAAAAAAAA', { q1: 'yes' }, '00112233445566778899aabbccddeeff');
const M = RECEIPT_MARKER;

describe('maskReceipts', () => {
  it('hides a whole receipt, in lower or upper case, wherever it stands in the text', () => {
    expect(maskReceipts(`Biên nhận của hộ tôi: ${receipt}. Xin kiểm tra.`)).toEqual({ text: `Biên nhận của hộ tôi: ${M}. Xin kiểm tra.`, masked: 1 });
    expect(maskReceipts(receipt.toUpperCase())).toEqual({ text: M, masked: 1 });
    expect(maskReceipts(`(${receipt})`).text).toBe(`(${M})`);
  });

  it('hides a receipt split into groups by spaces or dashes, and two receipts as two', () => {
    const split = receipt.match(/.{8}/g)!.join(' ');
    expect(maskReceipts(`mã: ${split}`)).toEqual({ text: `mã: ${M}`, masked: 1 });
    expect(maskReceipts(receipt.match(/.{16}/g)!.join('-')).text).toBe(M);
    expect(maskReceipts(`${receipt}, ${receipt.toUpperCase()}`)).toEqual({ text: `${M}, ${M}`, masked: 2 });
    // Split by tens, the last group shorter; and a word of the letters a–f before a split receipt stays.
    expect(maskReceipts(receipt.match(/.{1,10}/g)!.join(' ')).text).toBe(M);
    expect(maskReceipts(`CCCD ${receipt.match(/.{8}/g)!.join(' ')}`).text).toBe(`CCCD ${M}`);
    expect(maskReceipts(`cafe ${trackingCode(receipt)}`).text).toBe(`cafe ${M}`);
  });

  it('hides a tracking code as printed, run together, or with a dash, even one of digits only', () => {
    expect(maskReceipts(`Mã theo dõi ${trackingCode(receipt)} của hộ H-001`)).toEqual({ text: `Mã theo dõi ${M} của hộ H-001`, masked: 1 });
    expect(maskReceipts('mã e1615-10682 nhé').text).toBe(`mã ${M} nhé`);
    expect(maskReceipts('mã E161510682 nhé').text).toBe(`mã ${M} nhé`);
    expect(maskReceipts('mã 12345 67890').text).toBe(`mã ${M}`);
    // A longer piece of a receipt finds the ballot as surely.
    expect(maskReceipts(`đầu biên nhận ${receipt.slice(0, 20)}`).text).toBe(`đầu biên nhận ${M}`);
  });

  it('leaves phone numbers, account numbers, years, dates and ordinary words as typed', () => {
    const plain = [
      'Gọi tôi số 0912345678 hoặc 0912 345 678.',
      'Tài khoản 19035551234567 tại ngân hàng.',
      'Kế hoạch 2026-2030, họp ngày 12-05-2026 lúc 08:30.',
      'The road was faced faded, added and ceded.',
      'Đường liên thôn dài 1200 m, rộng 3,5 m; kinh phí 150000000 đồng.',
      'Mã hộ H-001, phiếu số 7KQ2-M9XD.',
      'Màu #ff00aa, abcdef.',
      'Tôi là Nguyễn Văn Ất, số CCCD 001099012345, điện thoại 0912345678.',
      'Số CCCD 0010 9901 2345 và mã bưu chính 100000.',
    ];
    for (const text of plain) expect(maskReceipts(text)).toEqual({ text, masked: 0 });
  });

  it('is idempotent, and the marker itself is never taken for a receipt', () => {
    const once = maskReceipts(`${receipt} và ${trackingCode(receipt)}`);
    expect(once.masked).toBe(2);
    expect(maskReceipts(once.text)).toEqual({ text: once.text, masked: 0 });
    expect(hasHiddenReceipt(once.text)).toBe(true);
    expect(hasHiddenReceipt('Ý kiến không có biên nhận')).toBe(false);
  });

  it('keeps Vietnamese text in NFC around what it hides', () => {
    const out = maskReceipts(`Tôi đồng ý ${receipt} với phương án.`).text;
    expect(out).toBe(out.normalize('NFC'));
    expect(out).toBe(`Tôi đồng ý ${M} với phương án.`);
  });
});
