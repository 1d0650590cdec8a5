/**
 * Checking a pasted receipt signature on the receipt page: the signature against the API's receipt key, then, once
 * the result is published, its ballot against the published `ballots.json` as read back from the site (never the
 * store), so the page finds what any verifier of the bundle finds: counted, or missing (proof of a dropped ballot).
 */
import * as z from 'zod';
import { fromUtf8 } from '../../shared/bytes.ts';
import { dropProof, verifyReceiptSignature } from '../../shared/receipt-signature.ts';
import type { SignatureView } from '../../web/vote/receipt-page.tsx';
import { Hex64 } from '../../shared/schemas.ts';
import type { CoreDeps } from './deps.ts';
import { receiptKey } from './receipt-signing.ts';
import type { ConsultationRecord } from './store.ts';

/** A pasted signature longer than this is no receipt signature (one is about 400 characters). */
export const MAX_SIGNATURE_CHARS = 2_000;
const MAX_FILE_BYTES = 200 * 1024 * 1024;
const Published = z.object({ consultationId: z.string(), ballots: z.array(z.object({ receipt: Hex64 })) });

export type SignatureCheck = SignatureView;

/** The verdict on a pasted receipt signature for consultation `rec`. */
export async function checkReceiptSignature(deps: CoreDeps, rec: ConsultationRecord, pasted: string): Promise<SignatureCheck> {
  const key = await receiptKey(deps);
  if (!key) return { kind: 'no_key' };
  const jws = pasted.replace(/\s+/g, '');
  if (jws.length > MAX_SIGNATURE_CHARS)
    return { kind: 'invalid', problem: { vi: 'Quá dài để là một chữ ký biên nhận.', en: 'Too long to be a receipt signature.' } };
  const verified = await verifyReceiptSignature(jws, key.jwk);
  if (!verified.valid) return { kind: 'invalid', problem: verified.problem };
  const id = rec.consultation.id;
  if (verified.statement.consultationId !== id) {
    return {
      kind: 'other_consultation',
      statement: verified.statement,
      words: {
        vi: `Chữ ký hợp lệ, nhưng cho một cuộc lấy ý kiến khác (${verified.statement.consultationId}).`,
        en: `The signature is valid, but for another consultation (${verified.statement.consultationId}).`,
      },
    };
  }
  if (rec.state !== 'published') return { kind: 'valid', statement: verified.statement };
  const bytes = await deps.publisher.get(`c/${id}/ballots.json`);
  if (!bytes || bytes.length > MAX_FILE_BYTES) return { kind: 'valid', statement: verified.statement };
  let file: z.infer<typeof Published>;
  try {
    file = Published.parse(JSON.parse(fromUtf8(bytes)));
  } catch {
    return { kind: 'valid', statement: verified.statement };
  }
  const proof = dropProof(jws, file);
  if (proof.kind === 'counted') return { kind: 'counted', statement: proof.statement, index: proof.index, size: file.ballots.length, words: proof.words };
  if (proof.kind === 'missing') return { kind: 'missing', statement: proof.statement, words: proof.words };
  // The statement was read above; another consultation's ballots cannot be at this path.
  return { kind: 'invalid', problem: proof.words };
}
