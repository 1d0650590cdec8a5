/**
 * The monitors' panel of the site's keys: the result key's thumbprint and PEM when the signer answered, the published
 * JWKS alone (with where to read the thumbprint) when it could not be asked.
 */
import { describe, expect, it } from 'vitest';
import { KeysPanel, type SiteKeys } from '../../../web/monitors/keys.tsx';
import { xmlProblems } from '../markup.ts';

const render = (keys: SiteKeys) => String(KeysPanel({ keys }));

describe('the keys panel', () => {
  it('shows the result key’s thumbprint and PEM, and the receipt key’s thumbprint', () => {
    const html = render({
      result: { kid: 'KID-RESULT', jwks: '/keys/jwks.json', pem: '/keys/KID-RESULT.pem' },
      receipt: { kid: 'KID-RECEIPT', jwks: '/keys/receipt-jwks.json' },
    });
    expect(xmlProblems(html)).toEqual([]);
    expect(html).toContain('id="result-kid"');
    expect(html).toContain('KID-RESULT');
    expect(html).toContain('href="/keys/KID-RESULT.pem"');
    expect(html).toContain('KID-RECEIPT');
    expect(html).toContain('href="/keys/receipt-jwks.json"');
  });

  it('links the published JWKS alone when the signer could not be asked', () => {
    const html = render({ result: { jwks: '/keys/jwks.json' }, receipt: { jwks: '/keys/receipt-jwks.json' } });
    expect(xmlProblems(html)).toEqual([]);
    expect(html).not.toContain('id="result-kid"');
    expect(html).not.toContain('.pem');
    expect(html).toContain('href="/keys/jwks.json"');
    expect(html).toContain('Dấu vân tay là trường kid trong tệp');
  });
});
