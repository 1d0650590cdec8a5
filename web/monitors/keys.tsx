/**
 * The site's public keys as a monitor needs them to check a result or a household's receipt: the result-signing key
 * (result.jws, the audit's rla.jws, a commune round's aggregate) with its thumbprint, its JWKS and its PEM, and the
 * receipt key (the signature on an online ballot's receipt, never the result key) with its JWKS and, where this
 * server knows it, its thumbprint. Both thumbprints are to be compared with the ones posted at the commune.
 */
import { Bi } from '../officials/parts.tsx';

export interface SiteKeys {
  /** `kid` and `pem` are absent when the signer could not be asked for the public key just now. */
  result: { kid?: string | undefined; jwks: string; pem?: string | undefined };
  receipt: { kid?: string | undefined; jwks: string };
}

export function KeysPanel(props: { keys: SiteKeys }) {
  const { result, receipt } = props.keys;
  return (
    <section id="keys" aria-labelledby="keys-title">
      <h2 id="keys-title">
        <Bi vi="Khóa công khai để kiểm tra" en="The public keys to check with" />
      </h2>
      <p class="hint">
        <Bi
          vi="Trước khi ghim một khóa, hãy so dấu vân tay (RFC 7638) với bản niêm yết tại trụ sở UBND xã: khóa lấy từ chính trang web chỉ đáng tin bằng trang web đó."
          en="Before pinning a key, compare its thumbprint (RFC 7638) with the one posted at the commune office: a key taken from the site is only as trustworthy as the site."
        />
      </p>
      <dl>
        <dt>
          <Bi
            vi="Khóa ký kết quả (result.jws, kết quả kiểm tra phiếu giấy rla.jws, tổng hợp toàn xã)"
            en="The result-signing key (result.jws, the paper audit's rla.jws, the commune aggregate)"
          />
        </dt>
        <dd>
          {result.kid ? (
            <>
              <Bi vi="Dấu vân tay:" en="Thumbprint:" />{' '}
              <code id="result-kid" class="keys">
                {result.kid}
              </code>
              <br />
              <a href={result.pem} id="result-key-pem">
                <Bi vi="Khóa dạng PEM (để ghim)" en="The key as PEM (to pin)" />
              </a>
              {' · '}
            </>
          ) : (
            <>
              <Bi vi="Dấu vân tay là trường kid trong tệp:" en="The thumbprint is the kid in the file:" />{' '}
            </>
          )}
          <a href={result.jwks} id="result-key-jwks">
            jwks.json
          </a>
        </dd>
        <dt>
          <Bi
            vi="Khóa ký biên nhận phiếu (chữ ký trên biên nhận của hộ bỏ phiếu trực tuyến; không bao giờ là khóa ký kết quả)"
            en="The receipt key (the signature on an online household's receipt; never the result key)"
          />
        </dt>
        <dd>
          {receipt.kid ? (
            <>
              <Bi vi="Dấu vân tay:" en="Thumbprint:" />{' '}
              <code id="receipt-kid" class="keys">
                {receipt.kid}
              </code>
              <br />
            </>
          ) : (
            <>
              <Bi vi="Dấu vân tay là trường kid trong tệp:" en="The thumbprint is the kid in the file:" />{' '}
            </>
          )}
          <a href={receipt.jwks} id="receipt-key-jwks">
            receipt-jwks.json
          </a>
        </dd>
      </dl>
    </section>
  );
}
