/**
 * The households' code slips, as the answer to opening voting (or to reissuing one code): A4 sheets of 8 slips,
 * each with the scope, hamlet, roll id, the code in large monospace, a QR code that opens the ballot with the code
 * filled in, and a short instruction in Vietnamese. The codes exist nowhere else: the screen says so, the print
 * does not.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official, Slip } from './model.ts';
import { Bi } from './parts.tsx';
import { QUIET_ZONE, qrPath } from './qr.ts';
import { SLIP_STYLE } from './style.ts';

export const SLIPS_PER_SHEET = 8;

export interface SlipsPageInput {
  official: Official;
  consultation: Consultation;
  slips: readonly Slip[];
  /** The ballot page without the code, printed for those who type it. */
  voteUrl: string;
  /** One household's new code (its old one no longer works). */
  reissued?: boolean;
  /** Without QR codes: the fallback if drawing them failed, so the codes are still shown. */
  plain?: boolean;
}

export function QrCode(props: { text: string }) {
  const { size, d } = qrPath(props.text);
  const side = size + 2 * QUIET_ZONE;
  return (
    <svg
      class="qr"
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${side} ${side}`}
      role="img"
      aria-label="Mã QR mở trang biểu quyết với mã của hộ"
      shape-rendering="crispEdges"
    >
      <path d={d} stroke="#000" fill="none" />
    </svg>
  );
}

function SlipCard(props: { c: Consultation; slip: Slip; voteUrl: string; plain: boolean }) {
  const { c, slip } = props;
  const meeting = c.method === 'meeting';
  return (
    <article class="slip" data-household={slip.household}>
      <p class="slip-head">{c.title}</p>
      <div class="slip-body">
        <div>
          <p>{c.scope.name}</p>
          <p>
            Thôn, tổ: <strong>{slip.hamlet}</strong>
          </p>
          <p>
            Số hộ trong danh sách: <strong class="mono">{slip.household}</strong>
          </p>
          <p>Hạn chót: {vnTime(c.closesAt)} (giờ Việt Nam)</p>
          <p>Mã biểu quyết của hộ:</p>
        </div>
        {meeting || props.plain ? null : <QrCode text={slip.qrUrl} />}
      </div>
      <p class="slip-code">{slip.code}</p>
      {meeting ? (
        <p class="slip-how">Mang phiếu này đến cuộc họp cộng đồng dân cư để bỏ phiếu kín. Không cho người khác biết mã.</p>
      ) : (
        <p class="slip-how">
          Quét mã QR hoặc vào <span class="slip-url">{props.voteUrl}</span> rồi nhập mã. Hộ cũng có thể ghi ý kiến vào phiếu giấy và nộp cho Ban kiểm phiếu. Có
          thể biểu quyết lại đến hạn chót; phiếu sau cùng được tính. Không cho người khác biết mã.
        </p>
      )}
    </article>
  );
}

/** `items` in groups of `n`, the last one shorter. */
export function chunk<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export function SlipsPage(props: SlipsPageInput) {
  const c = props.consultation;
  const sheets = chunk(props.slips, SLIPS_PER_SHEET);
  return (
    <OfficialFrame title="Phiếu mã biểu quyết" official={props.official} wide style={SLIP_STYLE}>
      <div class="panel panel-warn no-print" role="alert">
        <h1>
          {props.reissued ? (
            <Bi vi="Mã mới của hộ — chỉ hiển thị một lần" en="The household’s new code — shown this one time" />
          ) : (
            <Bi vi="Đã mở biểu quyết. Mã chỉ hiển thị một lần" en="Voting is open. The codes are shown this one time" />
          )}
        </h1>
        <p>
          <Bi
            vi="In ngay các trang này (khổ A4, mỗi trang 8 phiếu). Hệ thống chỉ giữ bản băm của mã: khi rời trang sẽ không thể xem lại. Phiếu nào bị mất thì cấp lại mã cho hộ đó."
            en="Print these pages now (A4, 8 slips a page). The system keeps only a hash of each code: once you leave, they cannot be shown again. For a lost slip, reissue that household’s code."
          />
        </p>
        <p>
          <Bi vi={`${props.slips.length} phiếu, ${sheets.length} trang.`} en={`${props.slips.length} slips, ${sheets.length} page(s).`} />{' '}
          <a href={`/officials/c/${c.id}`}>
            <Bi vi="Quay lại cuộc lấy ý kiến (sau khi in)" en="Back to the consultation (after printing)" />
          </a>
        </p>
      </div>
      {sheets.map((sheet, i) => (
        <section class="sheet" aria-label={`Trang ${i + 1}`}>
          {sheet.map((slip) => (
            <SlipCard c={c} slip={slip} voteUrl={props.voteUrl} plain={props.plain ?? false} />
          ))}
        </section>
      ))}
    </OfficialFrame>
  );
}
