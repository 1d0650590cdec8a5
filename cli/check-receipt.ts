/**
 * `danban check-receipt <site> <consultationId> --signature <file|jws> [--key <fingerprint>]`: checks a household's
 * signed receipt (shared/receipt-signature.ts) offline against the published site, a folder or a URL: the signature
 * against `keys/receipt-jwks.json` (pinned by its RFC 7638 thumbprint with `--key`), then its ballot against
 * `c/<id>/ballots.json`, whose SHA-256 must be the one the result's manifest names. Exit 0: valid and counted;
 * 1: an invalid signature, or a valid one whose ballot is missing (proof of a dropped ballot); 2: a usage problem.
 * That the manifest is the signed one is `danban verify`'s to check.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromUtf8, toHex } from '../shared/bytes.ts';
import { jwkThumbprint } from '../shared/jws.ts';
import { dropProof, RECEIPT_JWKS_PATH, verifyReceiptSignature, type Words } from '../shared/receipt-signature.ts';

export interface CheckReceiptOptions {
  /** The signed receipt itself, or a file holding it. */
  signature: string;
  /** The receipt key's thumbprint to pin; without it the site's own key is taken (the site then vouches for itself). */
  key?: string | undefined;
  print?: (line: string) => void;
}

type Read = (path: string) => Promise<Uint8Array | undefined>;

function reader(site: string): Read {
  if (/^https?:\/\//i.test(site)) {
    const root = site.endsWith('/') ? site : `${site}/`;
    return async (path) => {
      const res = await fetch(new URL(path, root).href);
      if (res.status === 404 || res.status === 403) return undefined;
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    };
  }
  return (path) =>
    readFile(join(site, path)).then(
      (b) => new Uint8Array(b),
      () => undefined,
    );
}

/** A compact JWS as given, or the content of the file it names. */
async function signatureOf(given: string): Promise<string> {
  const trimmed = given.trim();
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(trimmed)) return trimmed;
  const text = await readFile(trimmed, 'utf8').catch(() => undefined);
  if (text === undefined) throw new Error(`--signature: không đọc được tệp / cannot read the file ${trimmed}`);
  return text.replace(/\s+/g, '');
}

const jsonOf = (bytes: Uint8Array | undefined): unknown => (bytes ? JSON.parse(fromUtf8(bytes)) : undefined);

/** Runs the command; returns the exit code. */
export async function checkReceiptCommand(site: string, consultationId: string, options: CheckReceiptOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const say = (w: Words) => {
    print(w.vi);
    print(w.en);
  };
  const read = reader(site);
  const jws = await signatureOf(options.signature);
  const jwks = jsonOf(await read(RECEIPT_JWKS_PATH)) as { keys?: JsonWebKey[] } | undefined;
  const keys = jwks?.keys ?? [];
  const key = options.key ? keys.find((k) => safeThumbprint(k) === options.key) : keys.length === 1 ? keys[0] : undefined;
  if (!key) {
    say(
      options.key
        ? { vi: `Trang không công bố khóa biên nhận ${options.key}.`, en: `The site publishes no receipt key ${options.key}.` }
        : { vi: `Không tìm thấy đúng một khóa trong ${RECEIPT_JWKS_PATH}.`, en: `Did not find exactly one key in ${RECEIPT_JWKS_PATH}.` },
    );
    return 1;
  }
  if (!options.key)
    say({
      vi: `Cảnh báo: dùng khóa do chính trang đưa ra (${safeThumbprint(key)}); dùng --key để ghim khóa.`,
      en: `Warning: using the site's own key (${safeThumbprint(key)}); pin it with --key.`,
    });
  const verified = await verifyReceiptSignature(jws, key);
  if (!verified.valid) {
    say({ vi: 'KHÔNG HỢP LỆ: chữ ký biên nhận không đúng.', en: 'INVALID: the receipt signature does not verify.' });
    say(verified.problem);
    return 1;
  }
  const { statement } = verified;
  say({
    vi: `Chữ ký hợp lệ: biên nhận ${statement.receipt}, ký lúc ${statement.at}.`,
    en: `Valid signature: receipt ${statement.receipt}, signed at ${statement.at}.`,
  });
  if (statement.consultationId !== consultationId) {
    say({ vi: `Biên nhận của cuộc lấy ý kiến ${statement.consultationId}.`, en: `The receipt belongs to consultation ${statement.consultationId}.` });
    return 1;
  }
  const manifest = jsonOf(await read(`c/${consultationId}/result.json`)) as { files?: Record<string, string> } | undefined;
  const ballotsBytes = await read(`c/${consultationId}/ballots.json`);
  if (!manifest?.files || !ballotsBytes) {
    say({ vi: 'Kết quả chưa được công bố: chưa có gì để đối chiếu.', en: 'The result is not published: nothing to compare with yet.' });
    return 1;
  }
  if (toHex(new Uint8Array(createHash('sha256').update(ballotsBytes).digest())) !== manifest.files['ballots.json']) {
    say({
      vi: 'ballots.json không khớp mã băm trong kết quả đã ký (result.json): bộ kết quả đã bị sửa. Chạy danban verify.',
      en: 'ballots.json does not match the hash in the signed result (result.json): the bundle was altered. Run danban verify.',
    });
    return 1;
  }
  const proof = dropProof(jws, jsonOf(ballotsBytes) as { consultationId: string; ballots: { receipt: string }[] });
  say(proof.words);
  if (proof.kind === 'counted') return 0;
  if (proof.kind === 'missing') say({ vi: 'BẰNG CHỨNG PHIẾU BỊ BỎ SÓT.', en: 'PROOF OF A DROPPED BALLOT.' });
  return 1;
}

function safeThumbprint(jwk: JsonWebKey): string | undefined {
  try {
    return jwkThumbprint(jwk);
  } catch {
    return undefined;
  }
}
