/**
 * R1: the risk-limiting audit published after the result (bundle.md "Risk-limiting audits of paper rounds"):
 * `audit/rla.jws` verifies under the commune's key (the one that signed result.jws, pinned when given), its payload is
 * `audit/rla.json` byte for byte, canonical, names this result, and `recomputeRla` finds nothing wrong against the
 * signed `ballots.json`: the sample redraws from the seed, every discrepancy and every risk value recomputes.
 */
import { bytesEqual, fromUtf8 } from '../bytes.ts';
import { decodeJws, importP256PublicKey, jwkThumbprint, verifyEs256 } from '../jws.ts';
import { recomputeRla } from '../rla/rla-file.ts';
import { BallotsFile } from '../schemas.ts';
import { type Hash, sha256Hex } from '../sha256.ts';
import type { VerifyKey } from '../verify/report.ts';
import { canonicalJson, type Published } from './load.ts';
import { both, need, load, type Outcome, reasonOf, Unmet, unmet } from './outcome.ts';

export const RLA_FILES = { json: 'audit/rla.json', jws: 'audit/rla.jws' } as const;
const RLA_TYP = 'rla+jws';

function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof k === 'object' && k !== null && 'algorithm' in k && 'usages' in k && 'type' in k && !('kty' in k);
}

/**
 * The key the result was signed with, as check 1 takes it: the pinned one, else the JWKS key named by the result's kid
 * with check 1's warning (in English, as check 1 words it, so that the pages put both in Vietnamese alike).
 */
async function resultKey(key: VerifyKey, kid: unknown, hash: Hash, warnings: string[]): Promise<CryptoKey | undefined> {
  if (key.pinned !== undefined) return isCryptoKey(key.pinned) ? key.pinned : importP256PublicKey(key.pinned);
  const found = key.jwks?.keys.find((k) => (k as { kid?: unknown }).kid === kid);
  if (!found) return undefined;
  warnings.push(`the key was taken from the site's JWKS by its kid, not pinned: compare ${String(kid)} with the key the commune announced`);
  if (jwkThumbprint(found, hash) !== kid) warnings.push(`the JWKS key's thumbprint is not its kid ${String(kid)}`);
  return importP256PublicKey(found);
}

/** R1: rla.jws and rla.json, when published; nothing published is told as such and fails nothing. */
export async function checkRla(published: Published, key: VerifyKey | undefined): Promise<Outcome> {
  const jsonBytes = published.file(RLA_FILES.json);
  const jwsBytes = published.file(RLA_FILES.jws);
  if (!jsonBytes && !jwsBytes) return { absent: both('Chưa công bố kết quả kiểm tra xác suất', 'no risk-limiting audit is published') };
  if (!jsonBytes) unmet(`thiếu ${RLA_FILES.json}`, `${RLA_FILES.json} is missing`);
  if (!jwsBytes) unmet(`thiếu ${RLA_FILES.jws}`, `${RLA_FILES.jws} is missing`);
  const { manifest, manifestHash } = published.signed();
  const problems: string[] = [];

  const jws = need(
    load(() => decodeJws(fromUtf8(jwsBytes!).trim())),
    `${RLA_FILES.jws} không phải JWS`,
    `${RLA_FILES.jws} is not a compact JWS`,
  );
  const resultKid = load(() => decodeJws(fromUtf8(published.required('result.jws')).trim()).header.kid);
  const { alg, kid, typ } = jws.header;
  if (alg !== 'ES256') problems.push(both(`alg là ${String(alg)}`, `alg is ${String(alg)}, not ES256`));
  if (typ !== RLA_TYP) problems.push(both(`typ là ${String(typ)}`, `typ is ${String(typ)}, not ${RLA_TYP}`));
  if (resultKid.ok && kid !== resultKid.value)
    problems.push(both('rla.jws không được ký bằng khóa đã ký kết quả', `rla.jws names key ${String(kid)}, not the result's ${String(resultKid.value)}`));
  let signature = both('chưa kiểm chữ ký (không có khóa)', 'signature not checked: no key given');
  const warnings: string[] = [];
  if (key) {
    try {
      const cryptoKey = await resultKey(key, resultKid.ok ? resultKid.value : kid, published.hash, warnings);
      if (!cryptoKey) problems.push(both('không có khóa để kiểm chữ ký rla.jws', 'no key to verify rla.jws with'));
      else if (!(await verifyEs256(jws, cryptoKey))) problems.push(both('chữ ký của rla.jws không đúng', 'the signature of rla.jws does not verify'));
      else signature = both('chữ ký đúng', 'signature verifies');
    } catch (e) {
      problems.push(both('khóa không dùng được', `the key is not usable: ${reasonOf(e)}`));
    }
  }
  if (!bytesEqual(jws.payloadBytes, jsonBytes!)) problems.push(both('rla.json khác nội dung đã ký trong rla.jws', 'rla.json is not the payload rla.jws signs'));

  const rla = load(() => canonicalJson(jsonBytes!, 'rla.json'));
  if (!rla.ok) throw new Unmet([...problems, rla.error]);
  const ballotsBytes = published.required('ballots.json');
  if (sha256Hex(ballotsBytes, published.hash) !== manifest.files['ballots.json'])
    problems.push(both('ballots.json không khớp mã băm đã ký', 'ballots.json does not match its signed hash'));
  const ballots = need(
    load(() => BallotsFile.parse(JSON.parse(fromUtf8(ballotsBytes))).ballots),
    'không đọc được ballots.json',
    'ballots.json does not read',
  );
  const consultation = need(published.consultation, 'không đọc được consultation.json', 'consultation.json does not read');
  problems.push(
    ...recomputeRla(rla.value, {
      consultationId: manifest.consultationId,
      manifest: manifestHash,
      ballots,
      questions: consultation.questions,
      tally: manifest.tally,
    }),
  );
  if (problems.length) throw new Unmet(problems);
  const { conclusion, draws } = rla.value as { conclusion: string; draws: unknown[] };
  const detail = both(
    `kiểm tra xác suất ${draws.length} lượt rút tính lại đúng, kết luận ${conclusion}; ${signature.split(' / ')[0]}`,
    `the audit of ${draws.length} draws recomputes, conclusion ${conclusion}; ${signature.split(' / ')[1]}`,
  );
  return warnings.length ? { detail, warnings } : detail;
}
