/**
 * The receipt key of the API (a key of its own, never the result key): its public JWK and thumbprint, and the
 * signature it gives a committed online ballot (shared/receipt-signature.ts).
 */
import { jwkThumbprint, spkiToJwk } from '../../shared/jws.ts';
import { signReceipt } from '../../shared/receipt-signature.ts';
import type { CoreDeps } from './deps.ts';
import type { Signer } from './ports.ts';

/** The receipt key's public JWK (with `kid`, `alg`, `use`) and thumbprint, or undefined where the runtime has none. */
export async function receiptKey(deps: Pick<CoreDeps, 'receiptSigner'>) {
  if (!deps.receiptSigner) return undefined;
  const jwk = spkiToJwk(await deps.receiptSigner.publicKeySpki());
  const kid = jwkThumbprint(jwk);
  return { jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' }, kid };
}

/**
 * The signed receipt of a ballot committed at `at`, or undefined without a receipt signer. A signing failure is
 * logged and the answer goes without it: the ballot is committed and counts whatever happens here.
 */
export async function signedReceipt(
  deps: Pick<CoreDeps, 'receiptSigner' | 'log'>,
  consultationId: string,
  receipt: string,
  at: string,
): Promise<string | undefined> {
  const signer: Signer | undefined = deps.receiptSigner;
  if (!signer) return undefined;
  try {
    const key = await receiptKey(deps);
    return await signReceipt({ consultationId, receipt, at }, { kid: key!.kid, sign: (input) => signer.sign(input) });
  } catch (err) {
    deps.log?.(`signing the receipt of a ballot of ${consultationId} failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
