/**
 * The code slips of an online round, page by page. At opening a random slip key is drawn and kept sealed (encrypted
 * by the runtime's Sealer) in the store; each household's code is HMAC(key, round, roll id) (codes.ts), and only the
 * codes' hashes are stored. Until the officials seal the slips after printing, or voting closes, the slips can be
 * shown again page by page (per hamlet, 200 a page): a lost connection or a 50,000-household roll loses no code.
 * Every showing is an audit event (which page, how many codes), so monitors see when codes were on a screen.
 */
import { concat, toHex, utf8 } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { hmacSha256 } from '../../shared/hmac.ts';
import { sha256 } from '../../shared/sha256.ts';
import type { Consultation, Household } from '../../shared/schemas.ts';
import { instant } from '../../shared/time.ts';
import { actorOf, loadForOfficial } from './access.ts';
import { slipCode } from './codes.ts';
import type { CoreDeps } from './deps.ts';
import type { Principal } from './ports.ts';

/** Slips on one printed page set: 25 A4 sheets of 8. */
export const SLIPS_PER_PAGE = 200;

/** The sealing context of a round's slip key: a key sealed for one round cannot be opened as another's. */
export const slipContext = (id: string) => `slip-key/1|${id}`;

/**
 * The opening's key for round `id`: the one kept sealed by an earlier call of an opening that did not finish (so a
 * continued opening writes the same codes and serials), else a new one, kept sealed until `until` (the planned close).
 * Without a sealer, an online round cannot open (`internal_error`); another round gets a key kept nowhere, which is
 * enough for an opening done in one call.
 */
export async function openingKey(deps: CoreDeps, id: string, until: string, online: boolean): Promise<{ key: Uint8Array; job?: string }> {
  if (!deps.sealer) {
    if (online) throw new DomainError('internal_error', 'this runtime has no sealer: it cannot open an online round');
    return { key: deps.ids.random(32) };
  }
  const kept = await deps.store.getSlipKey(id, instant(deps.clock.now()));
  let key = kept ? await deps.sealer.unseal(kept, slipContext(id)).catch(() => undefined) : undefined;
  if (!key) {
    key = deps.ids.random(32);
    await deps.store.keepSlipKey(id, await deps.sealer.seal(key, slipContext(id)), until);
  }
  return { key, job: toHex(sha256(concat(utf8('opening-job/1|'), key))).slice(0, 32) };
}

/** Random-looking bytes drawn from the opening's key, the same on every call: the serials of a continued opening. */
export function keyedRandom(key: Uint8Array): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32) out.set(hmacSha256(key, utf8(`serial-bytes/1|${counter++}`)).slice(0, n - at), at);
    return out;
  };
}

export interface CodeSlip {
  household: string;
  hamlet: string;
  /** Undefined for a household whose code was reissued: the slip's code no longer works. */
  code?: string;
}

export interface CodeSlipsPage {
  consultation: Consultation;
  slips: CodeSlip[];
  page: number;
  pages: number;
  /** Slips in the chosen hamlet (or in all). */
  total: number;
  hamlet?: string;
  hamlets: Array<{ name: string; count: number }>;
}

const byHamletThenId = (a: Household, b: Household) => (a.hamlet === b.hamlet ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.hamlet < b.hamlet ? -1 : 1);

/**
 * One page of an online round's code slips, while voting is open and the slips are not sealed; audited
 * `codes_shown`. `not_open` before opening or after the close, `wrong_state` once sealed.
 */
export async function codeSlips(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  options: { page: number; hamlet?: string | undefined; perPage?: number },
): Promise<CodeSlipsPage> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.consultation.method !== 'online')
    throw new DomainError('channel_not_allowed', `this round is held by ${rec.consultation.method}: it has no voting codes`);
  if (rec.state !== 'voting') throw new DomainError('not_open', `the codes are shown only while voting is open; this consultation is ${rec.state}`);
  const now = instant(deps.clock.now());
  const sealed = await deps.store.getSlipKey(id, now);
  if (!sealed || !deps.sealer)
    throw new DomainError(
      'wrong_state',
      'the slips were sealed after printing: their codes cannot be shown again; reissue the code of a household whose slip is lost',
      undefined,
      'Phiếu mã đã được khóa sau khi in: không thể xem lại mã. Hộ nào mất phiếu thì cấp lại mã cho hộ đó.',
    );
  const key = await deps.sealer.unseal(sealed, slipContext(id));
  const [roll, log] = await Promise.all([deps.store.getRoll(id), deps.store.getAudit(id)]);
  const reissued = new Set(log.filter((e) => e.action === 'credential_reissued').map((e) => String(e.data.household)));
  const counts = new Map<string, number>();
  for (const h of roll) counts.set(h.hamlet, (counts.get(h.hamlet) ?? 0) + 1);
  const hamlets = [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (options.hamlet !== undefined && !counts.has(options.hamlet))
    throw new DomainError(
      'invalid_request',
      'no household of the roll is in this hamlet',
      [{ path: 'hamlet', message: 'not on the roll' }],
      'Không có hộ nào của thôn này trong danh sách.',
    );
  const chosen = roll.filter((h) => options.hamlet === undefined || h.hamlet === options.hamlet).sort(byHamletThenId);
  const perPage = options.perPage ?? SLIPS_PER_PAGE;
  const pages = Math.max(1, Math.ceil(chosen.length / perPage));
  if (!Number.isInteger(options.page) || options.page < 1 || options.page > pages)
    throw new DomainError('invalid_request', `there are ${pages} page(s)`, [{ path: 'page', message: `1 to ${pages}` }], `Chỉ có ${pages} trang.`);
  const slice = chosen.slice((options.page - 1) * perPage, options.page * perPage);
  const slips = slice.map((h) => ({ household: h.id, hamlet: h.hamlet, ...(reissued.has(h.id) ? {} : { code: slipCode(key, id, h.id, deps.sha256) }) }));
  await deps.store.appendAudit(id, {
    at: now,
    actor: actorOf(official),
    action: 'codes_shown',
    data: { page: options.page, pages, codes: slips.filter((s) => s.code).length, ...(options.hamlet !== undefined ? { hamlet: options.hamlet } : {}) },
  });
  return {
    consultation: rec.consultation,
    slips,
    page: options.page,
    pages,
    total: chosen.length,
    hamlets,
    ...(options.hamlet !== undefined ? { hamlet: options.hamlet } : {}),
  };
}

/**
 * After printing: the slip key is dropped for good (audited `slips_sealed`); from then on a lost slip means a
 * reissued code. Closing drops it too. Idempotent: sealing sealed slips changes nothing but is logged once.
 */
export async function sealSlips(deps: CoreDeps, who: Principal | undefined, id: string): Promise<{ sealed: true }> {
  const { rec, official } = await loadForOfficial(deps, who, id);
  if (rec.consultation.method !== 'online')
    throw new DomainError('channel_not_allowed', `this round is held by ${rec.consultation.method}: it has no voting codes`);
  const now = instant(deps.clock.now());
  const had = await deps.store.getSlipKey(id, now);
  await deps.store.dropSlipKey(id);
  if (had) await deps.store.appendAudit(id, { at: now, actor: actorOf(official), action: 'slips_sealed', data: {} });
  return { sealed: true };
}

/** Whether the slips of an online round can still be shown (the officials' page offers them). */
export async function slipsShowable(deps: CoreDeps, id: string): Promise<boolean> {
  return (await deps.store.getSlipKey(id, instant(deps.clock.now()))) !== undefined;
}
