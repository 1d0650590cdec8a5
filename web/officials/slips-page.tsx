/**
 * The households' code slips, page by page after opening (or one reissued code): A4 sheets of 8 slips, each with
 * the scope, hamlet, roll id, the code in large monospace, a QR code that opens the ballot with the code filled in,
 * and a short instruction in Vietnamese. The pages can be shown again until the slips are sealed after printing or
 * voting closes (functions/core/code-slips.ts); a reissued code is shown once.
 */
import type { Consultation } from '../../shared/schemas.ts';
import { MATTER_VI, vnTime } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official, Slip } from './model.ts';
import { Bi } from './parts.tsx';
import { QUIET_ZONE, qrPath } from './qr.ts';
import { SLIP_STYLE } from './style.ts';
import { En } from '../lang.tsx';
import { type SuppliedTranslation, translatedOption, translatedQuestion } from '../../shared/translations.ts';
import { Supplied, SuppliedInline } from '../supplied-translation.tsx';

export const SLIPS_PER_SHEET = 8;

/** The officials' print script (this origin's: the CSP allows no inline script); it shows and wires the print buttons. */
export const PRINT_SCRIPT_PATH = '/officials/assets/print.js';

/** The script's text: a button marked `data-print` is hidden until the script shows it, and prints the page. */
export const PRINT_SCRIPT = `document.querySelectorAll('[data-print]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){window.print();});});\n`;

/**
 * A print button, never printed itself (`no-print`), shown by the print script; without the script, the words say
 * how to print from the browser.
 */
export function PrintButton() {
  return (
    <p class="no-print print-button">
      <button type="button" data-print hidden>
        In trang này <En bare>Print this page</En>
      </button>{' '}
      <span class="hint">
        <Bi vi="(hoặc dùng lệnh In của trình duyệt, Ctrl+P)" en="(or the browser’s Print command, Ctrl+P)" />
      </span>
    </p>
  );
}

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
  /** Which page of the slips this is, of how many, and the hamlets to choose from (not for a reissued code). */
  paging?: SlipPaging;
  /** Households of this page whose code was reissued since: their slip here would not work, so none is printed. */
  withdrawn?: readonly string[];
  /** The commune's own translation: its title under the Vietnamese on each slip. */
  translation?: SuppliedTranslation | undefined;
}

export interface SlipPaging {
  page: number;
  pages: number;
  total: number;
  hamlet?: string | undefined;
  hamlets: ReadonlyArray<{ name: string; count: number }>;
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

function SlipCard(props: { c: Consultation; slip: Slip; voteUrl: string; plain: boolean; s?: SuppliedTranslation | undefined }) {
  const { c, slip, s } = props;
  const meeting = c.method === 'meeting';
  return (
    <article class="slip" data-household={slip.household}>
      <p class="slip-head">{c.title}</p>
      <Supplied s={s} text={s?.translation.title} />
      <div class="slip-body">
        <div>
          <p>{c.scope.name}</p>
          <p>
            Thôn, tổ: <strong>{slip.hamlet}</strong>
          </p>
          <p>
            Mã hộ: <strong class="mono">{slip.household}</strong>
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
  const paging = props.paging;
  return (
    <OfficialFrame title="Phiếu mã biểu quyết" official={props.official} wide style={SLIP_STYLE} script={PRINT_SCRIPT_PATH}>
      <div class="panel panel-warn no-print" role="alert">
        <h1>
          {props.reissued ? (
            <Bi vi="Mã mới của hộ — chỉ hiển thị một lần" en="The household’s new code — shown this one time" />
          ) : (
            <Bi vi="Phiếu mã biểu quyết: in từng trang" en="Voting code slips: print page by page" />
          )}
        </h1>
        <p>
          {props.reissued ? (
            <Bi
              vi="In ngay phiếu này. Hệ thống chỉ giữ bản băm của mã mới: khi rời trang sẽ không thể xem lại. Mã cũ của hộ đã hết hiệu lực."
              en="Print this slip now. The system keeps only a hash of the new code: once you leave, it cannot be shown again. The household’s old code no longer works."
            />
          ) : (
            <Bi
              vi="In mỗi trang (khổ A4, 8 phiếu một trang), rồi sang trang sau. Nếu mất kết nối, mở lại trang này: mã vẫn in lại được cho đến khi khóa phiếu sau khi in xong, hoặc khi kết thúc biểu quyết. Mỗi lần xem mã đều được ghi vào nhật ký."
              en="Print each page (A4, 8 slips a page), then go on to the next. If the connection drops, open this page again: the codes can be printed again until the slips are sealed after printing, or voting closes. Every showing of the codes is logged."
            />
          )}
        </p>
        {paging ? <SlipPager id={c.id} paging={paging} /> : null}
        <PrintButton />
        <p>
          <Bi
            vi={`${props.slips.length} phiếu ở trang này, ${sheets.length} tờ A4.`}
            en={`${props.slips.length} slips on this page, ${sheets.length} A4 sheet(s).`}
          />{' '}
          <a href={`/officials/c/${c.id}`}>
            <Bi vi="Quay lại cuộc lấy ý kiến" en="Back to the consultation" />
          </a>
        </p>
        {props.withdrawn && props.withdrawn.length > 0 ? (
          <p>
            <Bi
              vi={`Không in phiếu của ${props.withdrawn.length} hộ đã được cấp lại mã: ${props.withdrawn.join(', ')}.`}
              en={`No slip is printed for ${props.withdrawn.length} household(s) whose code was reissued: ${props.withdrawn.join(', ')}.`}
            />
          </p>
        ) : null}
        {paging ? (
          <div class="stack">
            <p>
              <Bi
                vi="Khi đã in và kiểm đủ phiếu của mọi trang, khóa phiếu: từ đó không ai xem lại được mã, kể cả cán bộ; hộ nào mất phiếu thì cấp lại mã."
                en="Once every page is printed and checked, seal the slips: from then on nobody can see the codes again, officials included; a lost slip means a reissued code."
              />
            </p>
            <p>
              <a class="button secondary" href={`/officials/c/${c.id}/codes/seal`} id="seal">
                <Bi vi="Khóa phiếu mã…" en="Seal the slips…" />
              </a>
            </p>
          </div>
        ) : null}
      </div>
      {sheets.map((sheet, i) => (
        <section class="sheet" aria-label={`Tờ ${i + 1}`}>
          {sheet.map((slip) => (
            <SlipCard c={c} slip={slip} voteUrl={props.voteUrl} plain={props.plain ?? false} s={props.translation} />
          ))}
        </section>
      ))}
    </OfficialFrame>
  );
}

/** Page links of the slips (and the hamlets to print one at a time), without JavaScript. */
export function SlipPager(props: { id: string; paging: SlipPaging; path?: string }) {
  const { page, pages, hamlet, hamlets, total } = props.paging;
  const base = `/officials/c/${props.id}/${props.path ?? 'codes'}`;
  const href = (p: number, h = hamlet) => `${base}?page=${p}${h !== undefined ? `&hamlet=${encodeURIComponent(h)}` : ''}`;
  return (
    <nav class="stack" aria-label="Trang phiếu">
      <p>
        <Bi
          vi={`Trang ${page}/${pages} (${total} phiếu${hamlet ? ` của ${hamlet}` : ''}).`}
          en={`Page ${page} of ${pages} (${total} slips${hamlet ? ` of ${hamlet}` : ''}).`}
        />{' '}
        {page > 1 ? (
          <a href={href(page - 1)} rel="prev">
            <Bi vi="Trang trước" en="Previous page" />
          </a>
        ) : null}{' '}
        {page < pages ? (
          <a href={href(page + 1)} rel="next">
            <Bi vi="Trang sau" en="Next page" />
          </a>
        ) : null}
      </p>
      {hamlets.length > 1 ? (
        <p>
          <Bi vi="In theo thôn, tổ:" en="Print by hamlet:" />{' '}
          {hamlets.map((h) => (
            <>
              <a href={href(1, h.name)} aria-current={h.name === hamlet ? 'page' : undefined}>
                {h.name} ({h.count})
              </a>{' '}
            </>
          ))}
          {hamlet !== undefined ? (
            <a href={`${base}?page=1`}>
              <Bi vi="Tất cả" en="All" />
            </a>
          ) : null}
        </p>
      ) : null}
    </nav>
  );
}

/** Two paper slips a sheet of A4, each a full half page: enough room for the questions and a signature. */
export const PAPER_SLIPS_PER_SHEET = 2;

/** The household-ballot slips' own layout: two a sheet on A4, one column on a phone's screen. */
const PAPER_SLIP_STYLE = `
.paper-sheet{display:grid;grid-template-rows:repeat(2,138mm);width:190mm;max-width:100%;margin:0 0 1rem;background:#fff}
.paper-sheet+.paper-sheet{break-before:page;page-break-before:always}
.paper-slip{border:1px dashed #000;padding:4mm;display:flex;flex-direction:column;gap:1.5mm;font-size:9.5pt;line-height:1.3;overflow:hidden;break-inside:avoid}
.paper-slip p,.paper-slip ol{margin:0}.paper-slip ol{padding-left:5mm}
.paper-slip .choices{display:flex;flex-wrap:wrap;gap:1mm 5mm}.paper-slip .box{display:inline-block;width:4mm;height:4mm;border:1px solid #000;vertical-align:middle;margin-right:1mm}
.paper-slip .serial{font:700 13pt/1.1 ui-monospace,monospace;letter-spacing:.05em}
.paper-slip .sign{margin-top:auto;text-align:right}
@media (max-width:600px){.paper-sheet{grid-template-rows:none;width:auto}}
`;

export interface PaperSlipsPageInput {
  official: Official;
  consultation: Consultation;
  /** The serials issued at opening; they name no household, so this page may be printed again at any time. */
  serials: readonly string[];
  /** Just opened (the first print). */
  opened?: boolean;
  /** Which page of all the serials this is (200 slips a page). */
  paging?: SlipPaging;
  /** The commune's own translation: title, questions and choices under the Vietnamese. */
  translation?: SuppliedTranslation | undefined;
}

/** The choices of a question as printed, with a box to mark each (D59 Art. 5(2)(d): đồng ý / không đồng ý / ý kiến khác). */
function PaperChoices(props: { q: Consultation['questions'][number]; s?: SuppliedTranslation | undefined }) {
  const q = props.q;
  const choices: Array<[string, string | undefined]> =
    q.type === 'yes_no'
      ? [
          ['Đồng ý', undefined],
          ['Không đồng ý', undefined],
          ['Ý kiến khác', undefined],
        ]
      : [
          ...q.options.map((o): [string, string | undefined] => [o.label, translatedOption(props.s?.translation, q.id, o.id)]),
          ...(q.type === 'single' ? [['Ý kiến khác', undefined] as [string, undefined]] : []),
        ];
  return (
    <p class="choices">
      {choices.map(([label, translated]) => (
        <span>
          <span class="box" aria-hidden="true" />
          {label}
          <SuppliedInline s={props.s} text={translated} />
        </span>
      ))}
    </p>
  );
}

function PaperSlip(props: { c: Consultation; serial: string; s?: SuppliedTranslation | undefined }) {
  const { c, serial, s } = props;
  return (
    <article class="paper-slip" data-serial={serial}>
      <p>
        <strong>PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH</strong> — {c.scope.name}
      </p>
      <p>
        <strong>{c.title}</strong> ({MATTER_VI[c.matter]})
      </p>
      <Supplied s={s} text={s?.translation.title} />
      <p>
        {`Cách ghi phiếu: đánh dấu X vào một ô của mỗi câu${c.questions.some((q) => q.type === 'approval') ? ' (câu chọn nhiều: mỗi phương án đồng ý một ô)' : ''}; ý kiến khác ghi vào dòng dưới câu.`}
      </p>
      <ol>
        {c.questions.map((q) => (
          <li>
            {q.text}
            <Supplied s={s} text={translatedQuestion(s?.translation, q.id)} />
            <PaperChoices q={q} s={s} />
            <p>Ý kiến khác: ...........................................................</p>
          </li>
        ))}
      </ol>
      <p>Hạn nộp phiếu: {vnTime(c.closesAt)} (giờ Việt Nam), cho Tổ phát phiếu.</p>
      <p>
        Số phiếu: <span class="serial">{serial}</span>
      </p>
      <p class="sign">{c.scope.kind === 'commune' ? 'Dấu của UBND xã' : 'Chữ ký của Trưởng thôn'}: ..............................</p>
    </article>
  );
}

/**
 * The paper slips of a household-ballot round (Decree 59/2023 Art. 4(5)): the title, the matter, each question with
 * its choices and how to mark them, the deadline, the serial and room for the village head's signature (or the
 * commune's seal). No household name, roll id or code: the team hands them out from a shuffled stack.
 */
export function PaperSlipsPage(props: PaperSlipsPageInput) {
  const c = props.consultation;
  const sheets = chunk(props.serials, PAPER_SLIPS_PER_SHEET);
  return (
    <OfficialFrame title="Phiếu lấy ý kiến" official={props.official} wide style={SLIP_STYLE + PAPER_SLIP_STYLE} script={PRINT_SCRIPT_PATH}>
      <div class="panel no-print" role="status">
        <h1>
          {props.opened ? <Bi vi="Đã mở lấy ý kiến. In phiếu" en="Voting is open. Print the slips" /> : <Bi vi="In phiếu lấy ý kiến" en="Print the slips" />}
        </h1>
        <p>
          <Bi
            vi={`${props.paging?.total ?? props.serials.length} phiếu, mỗi hộ một phiếu; trang này ${props.serials.length} phiếu, ${sheets.length} tờ A4 (2 phiếu một tờ). In lại được bất cứ lúc nào: số phiếu không gắn với hộ nào. Xáo trộn xấp phiếu trước khi phát.`}
            en={`${props.paging?.total ?? props.serials.length} slips, one per household; ${props.serials.length} on this page, ${sheets.length} A4 sheet(s) (2 a sheet). They can be printed again at any time: no serial is linked to a household. Shuffle the stack before handing them out.`}
          />
        </p>
        {props.paging ? <SlipPager id={c.id} paging={props.paging} path="slips" /> : null}
        <PrintButton />
        <p>
          <a href={`/officials/c/${c.id}/paper`}>
            <Bi vi="Nhập phiếu và đánh dấu hộ đã nộp" en="Enter slips and tick off returns" />
          </a>
        </p>
      </div>
      {sheets.map((sheet, i) => (
        <section class="paper-sheet" aria-label={`Trang ${i + 1}`}>
          {sheet.map((serial) => (
            <PaperSlip c={c} serial={serial} s={props.translation} />
          ))}
        </section>
      ))}
    </OfficialFrame>
  );
}
