/**
 * Just enough of PDF for the tests to read what Chromium printed: the page boxes, the document title, and the
 * characters the text can show (the union of the fonts' ToUnicode maps, inflated from their Flate streams).
 */
import { inflateSync } from 'node:zlib';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

export interface PdfFacts {
  pages: number;
  /** Each page's MediaBox [x0 y0 x1 y1] in points. */
  boxes: number[][];
  title: string | undefined;
  /** Every character some font of the document maps a glyph to. */
  characters: Set<string>;
}

function hexToString(hex: string): string {
  // UTF-16BE, as the ToUnicode CMaps and the title write it.
  let out = '';
  for (let i = 0; i + 3 < hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

export function readPdf(bytes: Uint8Array): PdfFacts {
  const text = latin1(bytes);
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF');
  const boxes = [...text.matchAll(/\/Type\s*\/Page\b[^s][\s\S]*?\/MediaBox\s*\[([^\]]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
  const titleHex = /\/Title\s*<(?:FEFF|feff)([0-9A-Fa-f]*)>/.exec(text);
  const characters = new Set<string>();
  const buffer = Buffer.from(bytes);
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    let inflated: string;
    try {
      inflated = inflateSync(buffer.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!inflated.includes('begincmap')) continue;
    for (const block of inflated.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of block[1]!.matchAll(/<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>/g)) for (const ch of hexToString(pair[1]!)) characters.add(ch);
    }
    for (const block of inflated.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const count = parseInt(r[2]!, 16) - parseInt(r[1]!, 16);
        const first = parseInt(r[3]!, 16);
        for (let i = 0; i <= count; i++) characters.add(String.fromCharCode(first + i));
      }
    }
  }
  return { pages: boxes.length, boxes, title: titleHex ? hexToString(titleHex[1]!) : undefined, characters };
}
