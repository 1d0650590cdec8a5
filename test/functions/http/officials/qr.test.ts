import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { qrPath, QUIET_ZONE } from '../../../../web/officials/qr.ts';
import { QrCode } from '../../../../web/officials/slips-page.tsx';
import { xmlProblems } from '../../../web/markup.ts';

/** The modules a path paints: every stroke `h<n>` from where the pen is, on row `y - 0.5`. */
function painted(d: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b) - 0.5];
    else if (cmd === 'm') x += Number(a);
    else {
      for (let i = 0; i < Number(a); i++) grid[y]![x + i] = true;
      x += Number(a);
    }
  }
  return grid;
}

function modules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

describe('the QR code of a slip', () => {
  const url = 'https://danban.example/vote/01ARZ3NDEKTSV4RRFFQ69G5FAV#code=ABCD-EFGH-JKMN-PQRS';

  it('paints exactly the dark modules of the code for the text', () => {
    const { size, d } = qrPath(url);
    expect(painted(d, size)).toEqual(modules(url));
  });

  it('starts with the finder pattern’s top row', () => {
    expect(qrPath(url).d.startsWith('M0 0.5h7')).toBe(true);
  });

  it('differs for another code', () => {
    expect(qrPath(url).d).not.toBe(qrPath(url.replace('PQRS', 'PQRT')).d);
  });

  it('is an inline SVG with the quiet zone, a label, and well-formed markup', () => {
    const svg = String(QrCode({ text: url }));
    const { size } = qrPath(url);
    expect(svg).toContain(`viewBox="-${QUIET_ZONE} -${QUIET_ZONE} ${size + 2 * QUIET_ZONE} ${size + 2 * QUIET_ZONE}"`);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="');
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('refuses text that is not printable ASCII, which byte mode would garble', () => {
    expect(() => qrPath('https://xã.example/')).toThrow(RangeError);
  });
});
