/**
 * Receipts the server signs: a cast answers with the receipt signed by the receipt key (published at
 * keys/receipt-jwks.json, not the result key); the recorded page offers it to keep; the receipt page and
 * `danban check-receipt` check it, and once a published ballots.json lacks the ballot, both report the drop.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReceiptCommand } from '../../cli/check-receipt.ts';
import { main } from '../../cli/danban.ts';
import { residentPages } from '../../functions/http/pages/index.ts';
import { decodeJws, jwkThumbprint } from '../../shared/jws.ts';
import { verifyReceiptSignature } from '../../shared/receipt-signature.ts';
import { onlineConsultation, recordOnlineConditions, rollCsv, testSystem } from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;

function hiddenFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields.append(m[1]!, m[2]!.replace(/&amp;/g, '&'));
  return fields;
}

describe('receipts the server signs', () => {
  let s: Sys;
  let pages: Hono;
  let id: string;
  let official: string;
  let codes: string[];
  let site: string;
  let signature: string;
  let receipt: string;

  const get = async (path: string) => {
    const res = await pages.request(path);
    return { status: res.status, html: await res.text() };
  };
  const post = async (path: string, body: string | URLSearchParams) => {
    const res = await pages.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: String(body) });
    return { status: res.status, html: await res.text() };
  };
  const checkPage = (jws: string) => get(`/vote/${id}/receipt?s=${encodeURIComponent(jws)}`);
  const verdictOf = (html: string) => /data-verdict="([a-z_]+)"/.exec(html)?.[1];
  const receiptJwk = () => (JSON.parse(readFileSync(join(site, 'keys/receipt-jwks.json'), 'utf8')) as { keys: JsonWebKey[] }).keys[0]!;
  const cli = async (jws: string, key?: string) => {
    const lines: string[] = [];
    const code = await checkReceiptCommand(site, id, { signature: jws, key, print: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  };

  beforeAll(async () => {
    s = await testSystem('receipt-signature');
    site = join(s.dataDir, 'site');
    official = await s.token('official');
    pages = new Hono().route(
      '/',
      residentPages(s.core, () => '10.0.0.8'),
    );
    const created = await s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() });
    expect(created.status).toBe(201);
    id = created.json.id;
    expect((await s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(3), type: 'text/csv' })).status).toBe(200);
    await recordOnlineConditions(s.call, official, id, 3);
    const opened = await s.call('POST', `/api/consultations/${id}/open`, { token: official });
    expect(opened.status).toBe(200);
    codes = opened.json.credentials.map((c: { code: string }) => c.code);
  });
  afterAll(() => s.cleanup());

  it('answers a cast with the receipt signed by the published receipt key, which is not the result key', async () => {
    const cast = await s.call('POST', `/api/consultations/${id}/ballots`, { body: { code: codes[0], answers: { q1: 'yes' } } });
    expect(cast.status, cast.text).toBe(201);
    expect(Object.keys(cast.json).sort()).toEqual(['receipt', 'receiptSignature', 'replaced']);
    signature = cast.json.receiptSignature;
    receipt = cast.json.receipt;
    const jwk = receiptJwk();
    const verified = await verifyReceiptSignature(signature, jwk);
    expect(verified.valid).toBe(true);
    if (verified.valid) {
      expect(verified.statement.receipt).toBe(receipt);
      expect(verified.statement.consultationId).toBe(id);
      expect(Date.now() - Date.parse(verified.statement.at)).toBeLessThan(60_000);
    }
    const resultKey = (JSON.parse(readFileSync(join(site, 'keys/jwks.json'), 'utf8')) as { keys: JsonWebKey[] }).keys[0]!;
    expect(jwkThumbprint(jwk)).not.toBe(jwkThumbprint(resultKey));
    expect(decodeJws(signature).header.kid).toBe(jwkThumbprint(jwk));
  });

  it('the recorded page shows the signature in a box to open, with a download that needs no script', async () => {
    const review = await post(`/vote/${id}/review`, `code=${encodeURIComponent(codes[1]!)}&a.q1=no`);
    expect(review.status).toBe(200);
    const recorded = await post(`/vote/${id}/cast`, hiddenFields(review.html));
    expect(recorded.status).toBe(200);
    const shown = /<code id="receipt-signature" class="receipt">([A-Za-z0-9_.-]+)<\/code>/.exec(recorded.html)?.[1];
    expect(shown).toBeDefined();
    expect((await verifyReceiptSignature(shown!, receiptJwk())).valid).toBe(true);
    expect(recorded.html).toContain('<details class="signed-receipt">');
    expect(recorded.html).toContain('Biên nhận có chữ ký của máy chủ');
    const link = /<a href="(data:application\/jose[^"]+)" download="([^"]+)"/.exec(recorded.html);
    expect(link?.[2]).toMatch(/\.jws$/);
    expect(decodeURIComponent(link![1]!.slice(link![1]!.indexOf(',') + 1))).toBe(shown);
  });

  it('before the result, the receipt page finds the signature valid; a tampered one invalid', async () => {
    const valid = await checkPage(signature);
    expect(valid.status).toBe(200);
    expect(verdictOf(valid.html)).toBe('valid');
    const [h, p, sig] = signature.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const invalid = await checkPage(flipped);
    expect(invalid.status).toBe(400);
    expect(verdictOf(invalid.html)).toBe('invalid');
    expect(invalid.html).toContain('Chữ ký KHÔNG hợp lệ');
  });

  it('after the close the page and the CLI find the ballot counted', async () => {
    const closed = await s.call('POST', `/api/consultations/${id}/close`, { token: official, body: { reason: 'Đủ số hộ để kiểm tra chữ ký biên nhận' } });
    expect(closed.status, closed.text).toBe(200);
    const page = await checkPage(signature);
    expect(verdictOf(page.html)).toBe('counted');
    const kid = jwkThumbprint(receiptJwk());
    const run = await cli(signature, kid);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('phiếu đã được tính');
    const file = join(s.dataDir, 'bien-nhan.jws');
    writeFileSync(file, `${signature}\n`);
    expect(await main(['check-receipt', site, id, '--signature', file, '--key', kid])).toBe(0);
    // A key pinned that the site does not publish: refused.
    expect((await cli(signature, 'x'.repeat(43))).code).toBe(1);
  });

  it('a ballots.json without the ballot: the CLI says the bundle was altered, or, made consistent, proves the drop; so does the page', async () => {
    const ballotsPath = join(site, `c/${id}/ballots.json`);
    const manifestPath = join(site, `c/${id}/result.json`);
    const original = JSON.parse(readFileSync(ballotsPath, 'utf8')) as { consultationId: string; ballots: Array<{ receipt: string }> };
    expect(original.ballots.some((b) => b.receipt === receipt)).toBe(true);
    const dropped = JSON.stringify({ ...original, ballots: original.ballots.filter((b) => b.receipt !== receipt) });
    writeFileSync(ballotsPath, dropped);
    const kid = jwkThumbprint(receiptJwk());
    const altered = await cli(signature, kid);
    expect(altered.code).toBe(1);
    expect(altered.out).toContain('bộ kết quả đã bị sửa');
    // As a dishonest server would publish it: the manifest names the ballots without the one it dropped.
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['ballots.json'] = createHash('sha256').update(dropped).digest('hex');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const proof = await cli(signature, kid);
    expect(proof.code).toBe(1);
    expect(proof.out).toContain('Phiếu KHÔNG có trong danh sách phiếu đã công bố');
    expect(proof.out).toContain('PROOF OF A DROPPED BALLOT');
    const page = await checkPage(signature);
    expect(page.status).toBe(200);
    expect(verdictOf(page.html)).toBe('missing');
    expect(page.html).toContain('PHIẾU KHÔNG CÓ trong kết quả đã công bố');
    expect(page.html).toContain('Ban công tác Mặt trận');
  });
});
