/**
 * The verifier's details in Vietnamese first (web/verify/words.ts): every detail the verifier gives for a passing
 * check of the good test vector, pinned or not, and with a voter's receipt, is read back into Vietnamese; a failure
 * keeps its English reason under a Vietnamese line.
 */
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../shared/verify/index.ts';
import { checkDetail, checkWarning } from '../../web/verify/words.ts';
import { expected, pinnedPem, readCopy } from '../support/vectors.ts';

const UNTRANSLATED = 'Đạt. Chi tiết (tiếng Anh):';

describe('the verifier’s words in Vietnamese', () => {
  it('reads back every passing detail of the good vector, with the numbers and hashes it gives', async () => {
    const files = await readCopy('good');
    const reports = [await verifyBundle(files, { pinned: pinnedPem }), await verifyBundle(files, { pinned: pinnedPem }, { receipt: expected.receipt.receipt })];
    for (const report of reports) {
      expect(report.ok).toBe(true);
      for (const check of report.checks) {
        const said = checkDetail(check.step, check.ok, check.detail);
        expect(said.vi, `check ${check.step}: ${check.detail}`).not.toBe(UNTRANSLATED);
        expect(said.en).toBe(check.detail);
        // The numbers and hashes of the English are in the Vietnamese too.
        for (const token of check.detail.match(/[0-9a-f]{64}|[A-Za-z0-9_-]{43}|\b\d+\b/g) ?? []) expect(said.vi, `check ${check.step}`).toContain(token);
      }
    }
    const attestations = reports[0]!.checks.find((c) => c.step === 9)!;
    expect(checkDetail(9, true, attestations.detail).vi).toBe(`1 chữ ký xác nhận, đều đúng: ${expected.monitorKid}`);
  });

  it('says in Vietnamese that the key was not pinned, naming its fingerprint, and keeps other warnings in English under a Vietnamese line', () => {
    const warning = `the key was taken from the site's JWKS by its kid, not pinned: compare ${expected.key.kid} with the key the commune announced`;
    expect(checkWarning(warning).vi).toBe(
      `Khóa được lấy từ chính trang web này, không phải khóa bạn ghim: hãy so dấu vân tay ${expected.key.kid} với khóa xã đã niêm yết.`,
    );
    expect(checkWarning('result.json differs from the result.jws payload (the payload is authoritative)')).toEqual({
      vi: 'Cảnh báo của bộ kiểm tra (tiếng Anh):',
      en: 'result.json differs from the result.jws payload (the payload is authoritative)',
    });
  });

  it('introduces a failure in Vietnamese and keeps its reason whole', async () => {
    const report = await verifyBundle(await readCopy('7-tally'), { pinned: pinnedPem });
    const failed = report.checks.find((c) => c.step === 7)!;
    expect(failed.ok).toBe(false);
    expect(checkDetail(7, false, failed.detail)).toEqual({ vi: 'Không đạt. Lý do, theo lời của bộ kiểm tra (tiếng Anh):', en: failed.detail });
  });
});
