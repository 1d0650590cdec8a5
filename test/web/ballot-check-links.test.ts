import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Consultation, Manifest, type State } from '../../shared/schemas.ts';
import { resultPage } from '../../web/result-page.tsx';
import { siteIndex } from '../../web/site-index.tsx';
import { expected, VECTORS_DIR } from '../support/vectors.ts';

const good = (name: string) => JSON.parse(readFileSync(join(VECTORS_DIR, 'good', name), 'utf8')) as unknown;
const consultation = Consultation.parse(good('consultation.json'));
const manifest = Manifest.parse(good('result.json'));

describe('the public pages lead a household to checking its ballot', () => {
  it('the result page links the receipt check of its round, from c/<id>/', () => {
    const html = resultPage({ consultation, manifest, kid: expected.key.kid, attestations: [] });
    expect(html).toContain(`<a href="../../vote/${consultation.id}/receipt"><strong>Kiểm tra phiếu của hộ</strong></a>`);
  });

  it('the home page links the check of each round that has ballots, and explains it, but not of a round before voting', () => {
    const entry = (state: State, n: string) => ({ state, consultation: { ...consultation, id: `01J${n.repeat(23)}` } });
    const html = siteIndex([entry('voting', '1'), entry('published', '2'), entry('disclosure', '3'), entry('cancelled', '4')], undefined);
    expect(html).toContain(`<a href="vote/01J${'1'.repeat(23)}/receipt">Kiểm tra phiếu của hộ</a>`);
    expect(html).toContain(`<a href="vote/01J${'2'.repeat(23)}/receipt">Kiểm tra phiếu của hộ</a>`);
    expect(html).not.toContain(`vote/01J${'3'.repeat(23)}/receipt`);
    expect(html).not.toContain(`vote/01J${'4'.repeat(23)}/receipt`);
    expect(html).toContain('Hộ đã gửi phiếu có thể kiểm tra phiếu của mình bằng mã theo dõi hoặc biên nhận');
  });

  it('the home page says nothing of checks when no round has ballots', () => {
    expect(siteIndex([{ state: 'disclosure', consultation }], undefined)).not.toContain('Kiểm tra phiếu của hộ');
  });
});
