/**
 * The receipt signature: the API's own key (never the result key) signs, at the moment a household's online ballot
 * is committed, the statement JCS `{"kind": "receipt-signature/1", consultationId, receipt, at}` as a compact JWS
 * ES256 (`typ` `receipt+jws`, `kid` the key's RFC 7638 thumbprint). A household that keeps it and does not find its
 * last ballot among the published ballots holds proof that a ballot the system accepted was dropped: the key that
 * signed it is published at `keys/receipt-jwks.json`, and only the API may sign with it.
 */
import * as z from 'zod';
import { bytesEqual, fromUtf8 } from './bytes.ts';
import { jcsBytes } from './jcs.ts';
import { decodeJws, encodeJws, importP256PublicKey, jwkThumbprint, type SignP1363, verifyEs256 } from './jws.ts';

export const RECEIPT_SIGNATURE_KIND = 'receipt-signature/1';
export const RECEIPT_JWS_TYPE = 'receipt+jws';
/** Where the site publishes the receipt key (RFC 7517 key set). */
export const RECEIPT_JWKS_PATH = 'keys/receipt-jwks.json';

/** What the API signs: this ballot (its receipt) of this consultation was committed at `at` (RFC 3339 UTC). */
export const ReceiptStatement = z.strictObject({
  kind: z.literal(RECEIPT_SIGNATURE_KIND),
  consultationId: z.string().min(1).max(64),
  receipt: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
});
export type ReceiptStatement = z.infer<typeof ReceiptStatement>;

/** A message in both languages, Vietnamese first. */
export interface Words {
  vi: string;
  en: string;
}

/**
 * The compact JWS of a receipt statement.
 * @example await signReceipt({ consultationId, receipt, at: '2026-11-22T10:00:00Z' }, { kid, sign: signer.sign })
 */
export async function signReceipt(input: Omit<ReceiptStatement, 'kind'>, key: { kid: string; sign: SignP1363 }): Promise<string> {
  const statement: ReceiptStatement = ReceiptStatement.parse({ kind: RECEIPT_SIGNATURE_KIND, ...input });
  return encodeJws({ alg: 'ES256', kid: key.kid, typ: RECEIPT_JWS_TYPE }, jcsBytes(statement), key.sign);
}

export type ReceiptVerification = { valid: true; statement: ReceiptStatement } | { valid: false; problem: Words };

const invalid = (vi: string, en: string): ReceiptVerification => ({ valid: false, problem: { vi, en } });

/**
 * Whether `jws` is a receipt signature by `publicJwk`: the ES256 signature, the header (`typ`, the key's thumbprint
 * as `kid`) and a canonical statement of the right form. Never throws for bad input: it says what is wrong.
 * @example const v = await verifyReceiptSignature(pasted, receiptJwk); if (v.valid) v.statement.receipt
 */
export async function verifyReceiptSignature(jws: string, publicJwk: JsonWebKey): Promise<ReceiptVerification> {
  let decoded: ReturnType<typeof decodeJws>;
  try {
    decoded = decodeJws(jws.trim());
  } catch {
    return invalid('Đây không phải một chữ ký biên nhận (JWS hỏng).', 'This is not a receipt signature (malformed JWS).');
  }
  if (decoded.header.typ !== RECEIPT_JWS_TYPE)
    return invalid('Đây không phải chữ ký biên nhận phiếu (sai loại).', 'This is not a ballot receipt signature (wrong type).');
  let key: CryptoKey;
  let kid: string;
  try {
    key = await importP256PublicKey(publicJwk);
    kid = jwkThumbprint(publicJwk);
  } catch {
    return invalid('Khóa biên nhận không dùng được.', 'The receipt key cannot be used.');
  }
  if (decoded.header.kid !== kid)
    return invalid('Chữ ký này không do khóa biên nhận của trang này ký.', "This signature was not made by this site's receipt key.");
  if (!(await verifyEs256(decoded, key)))
    return invalid(
      'Chữ ký không hợp lệ: biên nhận đã bị sửa hoặc không do máy chủ ký.',
      'Invalid signature: the receipt was altered or not signed by the server.',
    );
  let statement: ReceiptStatement;
  try {
    statement = ReceiptStatement.parse(JSON.parse(fromUtf8(decoded.payloadBytes)));
  } catch {
    return invalid('Nội dung đã ký không phải một biên nhận phiếu.', 'The signed content is not a ballot receipt.');
  }
  // Signed bytes must be the canonical ones, so one statement has one signature form.
  if (!bytesEqual(jcsBytes(statement), decoded.payloadBytes))
    return invalid('Nội dung đã ký không ở dạng chuẩn (JCS).', 'The signed content is not canonical (JCS).');
  return { valid: true, statement };
}

/** The published ballots as `ballots.json` holds them (only what this check reads). */
export interface PublishedBallots {
  consultationId: string;
  ballots: ReadonlyArray<{ receipt: string }>;
}

export type DropProof =
  | { kind: 'counted'; statement: ReceiptStatement; index: number; words: Words }
  | { kind: 'missing'; statement: ReceiptStatement; words: Words }
  | { kind: 'other_consultation'; statement: ReceiptStatement; words: Words }
  | { kind: 'unreadable'; words: Words };

/**
 * Whether the ballot of a signed receipt is among the published ballots. Call it on a signature that
 * `verifyReceiptSignature` found valid: only then is `missing` proof of a dropped ballot (unless the same household
 * voted again later, or a paper ballot entered for it replaced it: the published audit log records the latter).
 * @example const p = dropProof(jws, JSON.parse(ballotsJson)); if (p.kind === 'missing') show(p.words)
 */
export function dropProof(jws: string, ballots: PublishedBallots): DropProof {
  let statement: ReceiptStatement;
  try {
    statement = ReceiptStatement.parse(JSON.parse(fromUtf8(decodeJws(jws.trim()).payloadBytes)));
  } catch {
    return { kind: 'unreadable', words: { vi: 'Không đọc được biên nhận đã ký.', en: 'The signed receipt cannot be read.' } };
  }
  if (statement.consultationId !== ballots.consultationId) {
    return {
      kind: 'other_consultation',
      statement,
      words: {
        vi: `Biên nhận này thuộc cuộc lấy ý kiến ${statement.consultationId}, không phải ${ballots.consultationId}.`,
        en: `This receipt belongs to consultation ${statement.consultationId}, not ${ballots.consultationId}.`,
      },
    };
  }
  const index = ballots.ballots.findIndex((b) => b.receipt === statement.receipt);
  if (index >= 0) {
    return {
      kind: 'counted',
      statement,
      index,
      words: {
        vi: `Phiếu có trong danh sách phiếu đã công bố (phiếu thứ ${index + 1}/${ballots.ballots.length}): phiếu đã được tính.`,
        en: `The ballot is in the published ballots (number ${index + 1} of ${ballots.ballots.length}): it was counted.`,
      },
    };
  }
  return {
    kind: 'missing',
    statement,
    words: {
      vi:
        'Phiếu KHÔNG có trong danh sách phiếu đã công bố. Máy chủ đã ký xác nhận nhận phiếu này, nên nếu đây là lần bỏ phiếu ' +
        'cuối cùng của hộ (hộ không bỏ phiếu lại, không có phiếu giấy thay thế), biên nhận đã ký này là bằng chứng một phiếu ' +
        'đã bị bỏ sót. Hãy giữ nguyên biên nhận và mang đến Ban công tác Mặt trận / người giám sát.',
      en:
        'The ballot is NOT in the published ballots. The server signed that it received this ballot, so if it was the ' +
        "household's last vote (no later vote, no paper ballot replacing it), this signed receipt is proof that a ballot " +
        "was dropped. Keep the receipt as it is and take it to the Front's work committee / the monitors.",
    },
  };
}
