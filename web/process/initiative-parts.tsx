/**
 * A citizens' initiative on the public page (Law 10/2022 Art. 16(3)): the consents counted by roll id (never a name),
 * the 10 % of H it needs, the day each consent stops counting, and where it stands: reached, approved by the Front
 * working committee, expired, or still collecting. Bilingual. Pure rendering from `initiativeStanding()`.
 */
import { type Consent, consentCounts, consentValidUntil, type InitiativeStanding, PATH_WORDS } from '../../shared/process/initiatives.ts';
import { CHANNEL_VI, percent, vnNumber } from '../format.ts';
import { En } from '../lang.tsx';
import { dayEn, dayVi } from './words.tsx';

export type InitiativeStatus = 'reached' | 'front_approved' | 'expired' | 'collecting';

/** Where the initiative stands, from its standing: expired when consents were given and none counts any more. */
export function initiativeStatus(s: InitiativeStanding): InitiativeStatus {
  if (s.path === 'agenda') return 'reached';
  if (s.path === 'front_approved') return 'front_approved';
  return s.counted === 0 && s.expired > 0 ? 'expired' : 'collecting';
}

export const INITIATIVE_STATUS_WORDS: Readonly<Record<InitiativeStatus, { vi: string; en: string; mark: string }>> = {
  reached: { vi: 'Đã đủ 10% tổng số hộ gia đình đồng thuận', en: 'Reached 10 % of all households', mark: '✓' },
  front_approved: { vi: 'Được Ban công tác Mặt trận tán thành', en: 'Approved by the Front working committee', mark: '✓' },
  expired: { vi: 'Hết hiệu lực: các ý kiến đồng thuận đã quá 03 tháng', en: 'Expired: every consent is older than 3 months', mark: '✗' },
  collecting: { vi: 'Đang lấy ý kiến đồng thuận, chưa đủ 10%', en: 'Collecting consents, under 10 %', mark: '○' },
};

const CHANNEL_EN = { online: 'Online', paper: 'Paper list', meeting: 'At a meeting' } as const;

/** Each household's latest consent given by `day` (roll ids on the roll only), with the day it stops counting. */
export function consentRows(consents: readonly Consent[], roll: readonly string[], day: string) {
  const onRoll = new Set(roll);
  const latest = new Map<string, Consent>();
  for (const c of consents) {
    if (!onRoll.has(c.rollId) || c.on > day) continue;
    const seen = latest.get(c.rollId);
    if (seen === undefined || c.on > seen.on) latest.set(c.rollId, c);
  }
  return [...latest.values()]
    .sort((a, b) => (a.rollId < b.rollId ? -1 : a.rollId > b.rollId ? 1 : 0))
    .map((c) => ({ consent: c, until: consentValidUntil(c.on), counts: consentCounts(c.on, day) }));
}

/** The count against the threshold, and the status in words with its mark. */
export function InitiativeStandingView(props: { standing: InitiativeStanding; households: number; day: string }) {
  const s = props.standing;
  const status = initiativeStatus(s);
  const w = INITIATIVE_STATUS_WORDS[status];
  const path = PATH_WORDS[s.path];
  return (
    <section id="standing">
      <p class={`outcome${status === 'expired' ? ' rejected' : status === 'collecting' ? '' : ' adopted'}`}>
        <span aria-hidden="true">{w.mark}</span> {w.vi} <En>{w.en}</En>
      </p>
      <p>
        Ngày {dayVi(props.day)}: <strong>{vnNumber(s.counted)}</strong> hộ đồng thuận trên tổng số {vnNumber(props.households)} hộ (
        {percent(s.counted, props.households)}); cần ít nhất {vnNumber(s.needed)} hộ (10% tổng số hộ gia đình).{' '}
        <En>{`On ${dayEn(props.day)}: ${s.counted} of ${props.households} households consent; ${s.needed} (10 % of all households) are needed.`}</En>
      </p>
      {s.dropsAfter !== null ? (
        <p>
          Mỗi ý kiến đồng thuận có giá trị 03 tháng; số hộ đồng thuận sẽ giảm sau ngày {dayVi(s.dropsAfter)} nếu không có thêm.{' '}
          <En>{`Each consent counts for 3 months; the count drops after ${dayEn(s.dropsAfter)} unless more come.`}</En>
        </p>
      ) : null}
      {s.expired > 0 ? (
        <p>
          {vnNumber(s.expired)} hộ đã đồng thuận nhưng ý kiến đã hết hiệu lực. <En>{`${s.expired} households' consents have expired.`}</En>
        </p>
      ) : null}
      {s.unknown.length > 0 ? (
        <p>
          {vnNumber(s.unknown.length)} ý kiến ghi số hộ không có trong danh sách hộ, không được tính.{' '}
          <En>{`${s.unknown.length} ${s.unknown.length === 1 ? 'consent names' : 'consents name'} no household on the roll, not counted.`}</En>
        </p>
      ) : null}
      <p>
        {path.vi} <En>{path.en}</En> <span class="hint">({path.cite.vi})</span>
      </p>
    </section>
  );
}

/** How a consent was given: online, at a meeting, or on a paper list that the proposer filed and answers for. */
function ChannelWords(props: { consent: Consent }) {
  const c = props.consent;
  if (c.channel !== 'paper') {
    return (
      <>
        {CHANNEL_VI[c.channel]} <En>{CHANNEL_EN[c.channel]}</En>
      </>
    );
  }
  return (
    <>
      Danh sách giấy {c.list} (người đề xuất nộp và chịu trách nhiệm) <En>{`Paper list ${c.list}, filed by the proposer, who answers for it`}</En>
    </>
  );
}

/** The consents by roll id: the day given, how, until when it counts, and whether it counts on the day. */
export function ConsentTable(props: { consents: readonly Consent[]; roll: readonly string[]; day: string }) {
  const rows = consentRows(props.consents, props.roll, props.day);
  return (
    <table class="stack">
      <caption>
        Ý kiến đồng thuận theo số hộ (không ghi tên) <En>Consents by household roll id (no names)</En>
      </caption>
      <thead>
        <tr>
          <th scope="col">
            Số hộ <En>Roll id</En>
          </th>
          <th scope="col">
            Ngày đồng thuận <En>Consented</En>
          </th>
          <th scope="col">
            Hình thức <En>How</En>
          </th>
          <th scope="col">
            Có giá trị đến <En>Counts until</En>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.consent.rollId}</th>
            <td data-label="Ngày đồng thuận">{dayVi(r.consent.on)}</td>
            <td data-label="Hình thức">
              <ChannelWords consent={r.consent} />
            </td>
            <td data-label="Có giá trị đến">
              {dayVi(r.until)}{' '}
              {r.counts ? (
                <>
                  <span aria-hidden="true">✓</span> được tính <En>counted</En>
                </>
              ) : (
                <>
                  <span aria-hidden="true">✗</span> đã hết hiệu lực <En>expired</En>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
