/**
 * Ballot receipts kept out of what residents publish. A receipt (64 hex characters, ./receipt.ts) or its tracking code
 * (its first 10, read aloud as two groups of five, `3fa9c 107b2`) finds one ballot and its answers in the published
 * ballots; posted in a comment or a petition beside the household's roll id, it would show everyone how that household
 * voted, and would let a buyer or a bully see that a vote was cast as told. So a comment, a petition or an other
 * opinion is stored and published with every receipt-like run of hex characters replaced by RECEIPT_MARKER.
 *
 * What counts as receipt-like, ignoring case, where a run is hex groups of at least 4 characters joined by single
 * spaces or dashes as a receipt is split (groups of one length, the last maybe shorter) and bounded by anything that
 * is not a letter or a digit:
 * - 64 or more hex characters in one group, or in several with at least one letter a–f (a receipt, whole or split);
 * - 10 to 63 hex characters with at least one digit and one letter a–f (a tracking code, or a longer piece of a receipt);
 * - two groups of exactly five joined by one space or dash with at least one digit (a tracking code as printed,
 *   even one of digits only).
 * Phone and account numbers (digits only, not 5 + 5) and words spelt with the letters a–f alone stay as typed.
 */

/** What stands in the text where a receipt was. */
export const RECEIPT_MARKER = '[mã biên nhận đã ẩn]';

/** A text with its receipt-like runs replaced, and how many were. */
export interface Masked {
  text: string;
  masked: number;
}

const RUN = /(?<![\p{L}\p{N}])[0-9a-f]{4,}(?:[ -][0-9a-f]{4,})*(?![\p{L}\p{N}])/giu;
const TRACKING = /^[0-9a-f]{5}[ -][0-9a-f]{5}$/i;
const LETTERS = /^[a-f]+$/i;

function receiptLike(run: string): boolean {
  const hex = run.replace(/[ -]/g, '');
  const letter = /[a-f]/i.test(hex);
  const digit = /[0-9]/.test(hex);
  if (hex.length >= 64) return hex.length === run.length || letter;
  if (TRACKING.test(run)) return digit;
  return hex.length >= 10 && letter && digit;
}

/**
 * One run of hex groups with its receipt-like parts replaced. Groups are taken together only as a receipt is split:
 * two or more of one length, the last one maybe shorter; any other group is judged alone (so "CCCD 001099012345",
 * a word and an identity card number, stays as typed).
 */
function maskRun(run: string, hidden: () => void): string {
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  const out: string[] = [];
  for (let i = 0; i < groups.length; ) {
    const n = groups[i]!.length;
    let j = i;
    while (j + 1 < groups.length && groups[j + 1]!.length === n) j++;
    if (j > i && j + 1 < groups.length && groups[j + 1]!.length < n) j++;
    const join = (a: number, b: number) =>
      groups
        .slice(a, b + 1)
        .map((g, k) => (k === 0 ? g : seps[a + k - 1]! + g))
        .join('');
    // A word of the letters a–f at either end ("CCCD 0010 9901 2345") is a word, unless the two are a tracking code.
    if (!(j === i + 1 && TRACKING.test(join(i, j)))) {
      while (j > i && LETTERS.test(groups[j]!)) j--;
      if (j > i && LETTERS.test(groups[i]!)) {
        out.push((i > 0 ? seps[i - 1]! : '') + groups[i]!);
        i++;
        continue;
      }
    }
    const sep = i > 0 ? seps[i - 1]! : '';
    const joined = join(i, j);
    if (j > i && receiptLike(joined)) {
      hidden();
      out.push(sep + RECEIPT_MARKER);
      i = j + 1;
    } else {
      const alone = receiptLike(groups[i]!);
      if (alone) hidden();
      out.push(sep + (alone ? RECEIPT_MARKER : groups[i]!));
      i++;
    }
  }
  return out.join('');
}

/**
 * `text` with every receipt-like run replaced by RECEIPT_MARKER (see above), and the count.
 * @example maskReceipts('mã của tôi: 3fa9c 107b2') // { text: 'mã của tôi: [mã biên nhận đã ẩn]', masked: 1 }
 * @example maskReceipts('gọi 0912345678') // { text: 'gọi 0912345678', masked: 0 }
 */
export function maskReceipts(text: string): Masked {
  let masked = 0;
  const out = text.replace(RUN, (run) =>
    maskRun(run, () => {
      masked++;
    }),
  );
  return { text: out, masked };
}

/** Whether a stored text had a receipt hidden in it (what the confirmation page tells the resident). */
export function hasHiddenReceipt(text: string): boolean {
  return text.includes(RECEIPT_MARKER);
}
