/**
 * The site's public keys for the monitors' pages (../../../web/monitors/keys.tsx): the result key's thumbprint from the
 * signer's public key, the receipt key's where this process holds it, and where the site publishes both.
 */
import { RECEIPT_JWKS_PATH } from '../../../shared/receipt-signature.ts';
import type { SiteKeys } from '../../../web/monitors/keys.tsx';
import type { CoreDeps } from '../../core/deps.ts';
import { signingKey } from '../../core/publishing.ts';
import { receiptKey } from '../../core/receipt-signing.ts';
import { sitePath } from '../officials/respond.tsx';

/**
 * The keys as the monitors' pages show them. A signer that cannot be asked just now (KMS unreachable, no key yet)
 * leaves the result key's thumbprint out, and the page links the published JWKS instead: the page is never lost to it.
 */
export async function siteKeys(core: CoreDeps): Promise<SiteKeys> {
  const [kid, receipt] = await Promise.all([
    signingKey(core).then(
      (k) => k.kid,
      () => undefined,
    ),
    receiptKey(core).catch(() => undefined),
  ]);
  const at = (path: string) => sitePath(core.publisher.url(path));
  return {
    result: { kid, jwks: at('keys/jwks.json'), ...(kid ? { pem: at(`keys/${kid}.pem`) } : {}) },
    receipt: { kid: receipt?.kid, jwks: at(RECEIPT_JWKS_PATH) },
  };
}
