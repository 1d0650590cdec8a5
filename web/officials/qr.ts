/**
 * A QR code as one SVG path, to print inline on a slip (no image file, nothing from another origin). Each dark
 * run of a row is one horizontal stroke one module wide, so a whole code is a few kilobytes of path data.
 */
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The path data: rows of strokes on a grid of one unit per module, centred on each row (y + 0.5). */
  d: string;
}

/** The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4). */
export const QUIET_ZONE = 4;

/**
 * The QR code of `text` (error correction M, the smallest version that holds it) as path data.
 * @example qrPath('https://example.org/vote/X#code=ABCD').d.startsWith('M0 0.5h7') // true: the finder pattern's top row
 */
export function qrPath(text: string): QrPath {
  // Byte mode with the library's default conversion takes one byte per character: only ASCII is safe.
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError('qrPath encodes printable ASCII only (a URL from new URL().href is)');
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row++) {
    let first = true;
    let x = 0;
    for (let col = 0; col < size; ) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < size && qr.isDark(row, end)) end++;
      // The first run of a row moves absolutely; the next ones relatively from where the last stroke ended.
      d += first ? `M${col} ${row}.5h${end - col}` : `m${col - x} 0h${end - col}`;
      first = false;
      x = end;
      col = end;
    }
  }
  return { size, d };
}
