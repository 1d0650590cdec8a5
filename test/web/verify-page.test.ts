import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AFTER_CHECK_NAMES, AFTER_FILES } from '../../shared/verify-after/index.ts';
import { CHECK_NAMES } from '../../shared/verify/index.ts';
import { CHECK_NAMES_VI, VERIFY_SCRIPT, verifyPage } from '../../web/verify/page.tsx';
import { attributeOf, scriptsOf } from './markup.ts';

const KID = 'zCOsU_Qn-_7bEaVXRqGLwWXtjkJu7KvmIsG-HxAsFAg';
const html = verifyPage({ consultation: { id: '01M44WM480VECT0RSTHR0WAWAY', title: 'Bê tông hóa <đường> "ngõ"', titleEn: 'Paving' }, kid: KID });

describe('verify.html', () => {
  it('is Vietnamese first, with English beside it', () => {
    expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(html).toContain('<p lang="en" class="en">Verify the result: Paving</p>');
  });

  it('loads its one script from assets/ by a relative path, with no inline script or handler (the CSP runs neither)', () => {
    expect(scriptsOf(html)).toEqual([{ attributes: ' type="module" src="../../assets/verify.js"', content: '' }]);
    expect(VERIFY_SCRIPT).toBe('../../assets/verify.js');
    expect(html).not.toMatch(/\son[a-z]+=|javascript:/i);
  });

  it('labels every field, and the progress bar, by a <label for>', () => {
    for (const id of ['key', 'key-file', 'receipt', 'progress']) {
      expect(html, id).toMatch(new RegExp(`<label for="${id}">`));
      expect(html, id).toMatch(new RegExp(`<(textarea|input|progress)\\b[^>]*\\bid="${id}"`));
    }
    expect(attributeOf(html, 'key', 'aria-describedby')).toBe('key-hint key-error');
    expect(attributeOf(html, 'receipt', 'aria-describedby')).toBe('receipt-hint receipt-error');
    expect(attributeOf(html, 'status', 'role')).toBe('status');
  });

  it('sends nothing to the server without the script: no field has a name, and the button waits for the script', () => {
    expect(html).not.toMatch(/<(input|textarea|select)\b[^>]*\bname=/);
    expect(attributeOf(html, 'run', 'disabled')).toBe('');
    expect(html).toMatch(/<noscript>[\s\S]*JavaScript[\s\S]*<\/noscript>/);
    expect(html).toContain('npx danban verify &lt;địa chỉ thư mục kết quả&gt; --key khoa.pem --receipt &lt;mã biên nhận&gt;');
    expect(verifyPage({ consultation: { id: 'x', title: 't' }, kid: KID, url: 'https://xa.example.vn/c/x/' })).toContain(
      'npx danban verify https://xa.example.vn/c/x/ --key',
    );
  });

  it("has a row per check of bundle.md, pending, in Vietnamese and in the verifier's English", () => {
    for (let step = 1; step <= 9; step++) {
      expect(html).toContain(
        `<li id="check-${step}" data-state="pending"><span>${CHECK_NAMES_VI[step]}</span> <span lang="en" class="en">/ ${CHECK_NAMES[step]}</span>`,
      );
    }
    expect(html).not.toContain('id="check-10"');
    expect(attributeOf(html, 'inclusion', 'hidden')).toBe('');
    expect(html).toContain('<ol id="inclusion-proof"');
  });

  it('then a row per check of the decision record, the counting record and the contributions, pending, naming the files its script fetches', () => {
    for (const [step, { vi, en }] of Object.entries(AFTER_CHECK_NAMES)) {
      expect(html).toContain(
        `<li id="check-${step}" data-state="pending"><span>${step}. ${vi}</span> <span lang="en" class="en">/ ${en.replaceAll("'", '&#39;')}</span>`,
      );
    }
    expect(attributeOf(html, 'after-checks', 'data-files')).toBe(AFTER_FILES.join(' '));
    expect(AFTER_FILES).toEqual([
      'record/decision.json',
      'record/counting.json',
      'record/signatures/village_head.jws',
      'record/signatures/front_head.jws',
      'contributions/schedule.json',
      'contributions/schedule.csv',
      'contributions/ledger.jsonl',
      'audit/rla.json',
      'audit/rla.jws',
    ]);
    expect(Object.keys(AFTER_CHECK_NAMES)).toEqual(['M1', 'M2', 'M3', 'M4', 'C1', 'C2', 'C3', 'C4', 'R1']);
    expect(html).toContain('Văn bản quyết định, biên bản kiểm phiếu và sổ đóng góp');
    expect(html).not.toContain('minutes');
    expect(html.indexOf('id="check-9"')).toBeLessThan(html.indexOf('id="check-M1"'));
  });

  it('escapes the title, shows the site key fingerprint, and keeps its own style inside <head>', () => {
    expect(html).toContain('<title>Kiểm tra kết quả: Bê tông hóa &lt;đường&gt; &quot;ngõ&quot;</title>');
    expect(html).not.toContain('<đường>');
    expect(html).toContain(`<code>${KID}</code>`);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.match(/<style>/g)).toHaveLength(2);
    expect(head).toContain('[data-state=fail] .state{color:var(--no)}');
    expect(html.slice(html.indexOf('</head>'))).not.toContain('<style');
  });

  it('is well under 30 KB compressed, its CSS included', () => {
    expect(gzipSync(html).length).toBeLessThan(30 * 1024);
  });
});
