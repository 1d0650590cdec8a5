/**
 * Household voting codes (mã biểu quyết): 16 Crockford base32 characters (80 random bits), printed in groups of
 * four. Only a hash reaches the store; 80 bits make even an offline search of a leaked table hopeless.
 */
import { hmacSha256 } from '../../shared/hmac.ts';
import { type Hash, sha256Hex } from '../../shared/sha256.ts';
import { utf8 } from '../../shared/bytes.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new code from 10 random bytes, formatted `XXXX-XXXX-XXXX-XXXX`. */
export function newCode(random: Uint8Array): string {
  if (random.length < 10) throw new RangeError('a voting code needs 10 random bytes');
  let bits = 0;
  let value = 0;
  let out = '';
  for (let i = 0; i < 10; i++) {
    value = (value << 8) | random[i]!;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/**
 * The canonical form of what a resident typed: case, spaces and dashes ignored, and the letters people confuse
 * with digits read as those digits (Crockford: O -> 0, I and L -> 1). Undefined if it cannot be a code.
 */
export function normalizeCode(input: string): string | undefined {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(s) ? s : undefined;
}

/** The stored hash of a code, bound to its consultation so equal codes of two rounds never collide. */
export function codeHash(consultationId: string, normalizedCode: string): string {
  return sha256Hex(utf8(`code/1|${consultationId}|${normalizedCode}`));
}

/**
 * The hash of a discussion code (issued during disclosure, before voting codes exist). Another domain than voting
 * codes: the same letters never open a ballot, and a voting code is never taken for a discussion code's household.
 */
export function discussionCodeHash(consultationId: string, normalizedCode: string): string {
  return sha256Hex(utf8(`discussion-code/1|${consultationId}|${normalizedCode}`));
}

/**
 * The voting code of a household drawn from the round's slip key: HMAC-SHA-256 of the consultation and the roll id,
 * its first 80 bits as a code. The key is kept sealed (encrypted) only until the slips are printed or voting closes,
 * so the slips can be printed page by page and again after a lost connection; the store keeps only the codes' hashes.
 */
export function slipCode(key: Uint8Array, consultationId: string, household: string, hash?: Hash): string {
  return newCode(hmacSha256(key, utf8(`slip-code/1|${consultationId}|${household}`), hash).slice(0, 10));
}
