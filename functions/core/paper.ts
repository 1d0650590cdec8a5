/**
 * Paper slips by serial (domain.md "How a round is held"; Law 10/2022 Art. 19, Decree 59/2023 Art. 3(5)(c), 4(5)-(6)):
 * the serials of a household-ballot round, made at opening and linked to no household; the ballot team ticking off
 * each household whose slip came back; each slip entered by its serial, once; and the reconciliation the close
 * requires (slips entered = households ticked off, the store refuses the close otherwise). At a meeting held by
 * secret ballot the counting committee enters the slips the same way, at most one per household present.
 *
 * Every act is an official's, audit-logged in the same transaction: a return names the household (the households
 * that took part are published), a slip names its serial and receipt, never a household and never its answers.
 */
import { toHex } from '../../shared/bytes.ts';
import { DomainError } from '../../shared/errors.ts';
import { receiptOf } from '../../shared/receipt.ts';
import type { OpinionsByQuestion } from '../../shared/opinions.ts';
import type { Answers, Method } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import { instant } from '../../shared/time.ts';
import { vnAt, vnTime } from '../../web/format.ts';
import { actorOf, loadForOfficial } from './access.ts';
import type { CoreDeps } from './deps.ts';
import { ACTIONS, meetingLog } from './meeting-log.ts';
import { checkedOpinions, keepOpinions } from './opinions.ts';
import type { Principal } from './ports.ts';
import type { ConsultationRecord } from './store.ts';
import { checkedAnswers } from './voting.ts';

/** Crockford's base 32: no I, L, O or U, so a serial read off a slip by hand is not mistaken. 32 symbols: one per 5 bits. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SERIAL_CHARS = 8;

/** One random serial, `XXXX-XXXX` (40 bits). */
function serialOf(bytes: Uint8Array): string {
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * `n` distinct random serials, one per slip; made from random bytes alone, so that neither their order nor their
 * value says anything about the household that will get each one.
 * @example makeSerials(deps, 3) // ['7KQ2-M9XD', 'B04T-ZR1H', 'E8WN-3CJP']
 */
export function makeSerials(deps: Pick<CoreDeps, 'ids'>, n: number): string[] {
  const serials = new Set<string>();
  // 40 random bits a serial: a repeat is rare, many of them a broken source of randomness.
  for (let tries = 0; serials.size < n; tries++) {
    if (tries > 2 * n + 100) throw new Error('the random source repeats itself: no distinct serials');
    serials.add(serialOf(deps.ids.random(SERIAL_CHARS)));
  }
  return [...serials].sort();
}

const notOpen = (rec: ConsultationRecord) => new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);

function requireVoting(rec: ConsultationRecord, now: Date): void {
  if (rec.state !== 'voting') throw notOpen(rec);
  const { opensAt } = rec.consultation;
  if (Date.parse(opensAt) > now.getTime())
    throw new DomainError(
      'not_open',
      `slips are accepted from ${vnTime(opensAt)} (Vietnam time)`,
      [{ path: 'opensAt', message: opensAt }],
      `Phiếu giấy được nhập từ ${vnAt(opensAt)} (giờ Việt Nam).`,
    );
}

function requireMethod(rec: ConsultationRecord, methods: readonly Method[]): void {
  if (!methods.includes(rec.consultation.method))
    throw new DomainError('wrong_state', `this act is for a round held by ${methods.join(' or ')}; this one is held by ${rec.consultation.method}`);
}

/**
 * The roll's own spelling of a roll id typed by the committee, matched without regard to case or surrounding spaces
 * (ids are read off slips and typed fast): `not_found` if no household of the roll has it, `invalid_request` if two
 * differ only by case. The exact id and its upper- and lower-case forms are looked up first; only a miss reads the roll.
 * @example await rollIdOf(deps, who, id, ' h-001 ') // 'H-001'
 */
export async function rollIdOf(deps: CoreDeps, who: Principal | undefined, id: string, typed: string): Promise<string> {
  await loadForOfficial(deps, who, id);
  const wanted = typed.normalize('NFKC').trim();
  const variants = [...new Set([wanted, wanted.toUpperCase(), wanted.toLowerCase()])].filter(Boolean);
  const onRoll = await Promise.all(variants.map((v) => deps.store.onRoll(id, v)));
  let matches = variants.filter((_, i) => onRoll[i]);
  if (matches.includes(wanted)) return wanted;
  if (matches.length === 0) {
    const folded = wanted.toLowerCase();
    matches = (await deps.store.getRoll(id)).map((h) => h.id).filter((h) => h.toLowerCase() === folded);
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new DomainError(
      'invalid_request',
      `roll ids ${matches.join(', ')} differ only by case: type the one on the slip exactly`,
      [{ path: 'household', message: 'ambiguous' }],
      `Các mã hộ ${matches.join(', ')} chỉ khác nhau ở chữ hoa, chữ thường: hãy gõ đúng như in trên phiếu.`,
    );
  throw new DomainError('not_found', `household ${wanted} is not on the frozen roll`, [{ path: 'household', message: 'not on the roll' }]);
}

/** The ballot team ticks off a household whose slip came back (409 `already_returned` the second time). */
export async function tickReturn(deps: CoreDeps, who: Principal | undefined, id: string, household: string) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMethod(rec, ['household_ballot']);
  requireVoting(rec, deps.clock.now());
  const now = instant(deps.clock.now());
  await deps.store.tickReturn(id, household, now, { at: now, actor: actorOf(official), action: ACTIONS.slipReturned, data: { household } });
  return { household, returned: true as const };
}

/**
 * One slip entered by its serial: in a household-ballot round a serial issued at opening, at a meeting held by secret
 * ballot any serial not entered yet, while slips entered stay at most the households present.
 */
export async function enterSlip(
  deps: CoreDeps,
  who: Principal | undefined,
  id: string,
  body: { serial: string; answers: Answers; opinions?: OpinionsByQuestion },
) {
  const { rec, official } = await loadForOfficial(deps, who, id);
  requireMethod(rec, ['household_ballot', 'meeting']);
  requireVoting(rec, deps.clock.now());
  const answers = checkedAnswers(rec, body.answers);
  const opinions = checkedOpinions(rec, answers, body.opinions);
  let atMost: number | undefined;
  if (rec.consultation.method === 'meeting') {
    const log = meetingLog(await deps.store.getAudit(id));
    if (log.voting !== 'secret_ballot')
      throw new DomainError('wrong_state', log.voting ? 'the meeting votes by show of hands: enter the hand count' : 'record how the meeting votes first');
    // Attendance only grows, so the number read here can only be short of the true one, never over it.
    atMost = log.present.length;
    if (log.slips >= atMost) throw new DomainError('too_many_slips', `${log.slips} slips entered for ${atMost} households present`);
  }
  const nonce = toHex(deps.ids.random(16));
  // bundle.md result/2: the receipt of a slip is computed with its serial.
  const receipt = receiptOf(id, answers, nonce, sha256, body.serial);
  const now = instant(deps.clock.now());
  await deps.store.enterSlip({
    consultationId: id,
    ballot: { answers, nonce, receipt, serial: body.serial },
    now,
    audit: { at: now, actor: actorOf(official), action: ACTIONS.slipEntered, data: { serial: body.serial, receipt } },
    ...(atMost !== undefined ? { atMost } : {}),
  });
  // Apart from the slip and its serial, after it counts.
  await keepOpinions(deps, id, opinions);
  return { receipt, serial: body.serial };
}

/** Where the slips stand: issued, ticked off as returned, entered; the close needs returned = entered. */
export async function slipCounts(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec } = await loadForOfficial(deps, who, id, true);
  const issued = rec.slips?.issued ?? 0;
  const entered = rec.slips?.entered ?? 0;
  const returned = rec.participants.paper;
  return { issued, returned, entered, reconciled: returned === entered };
}

/** The serials issued at opening, for printing the slips again at any time (they name no household). */
export async function issuedSerials(deps: CoreDeps, who: Principal | undefined, id: string) {
  const { rec } = await loadForOfficial(deps, who, id);
  requireMethod(rec, ['household_ballot']);
  if (rec.state === 'draft' || rec.state === 'disclosure' || rec.state === 'cancelled') throw notOpen(rec);
  return { consultation: rec.consultation, serials: await deps.store.listSerials(id) };
}
