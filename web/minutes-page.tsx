/**
 * The printable minutes (biên bản) of a round, in the shape of Decree 59/2023 form 03: letterhead and national motto,
 * place and time, composition, H, participation, each question's counts and outcome, the decision, and the
 * signature blocks of the chair, the secretary and the Front representative. One A4 document, no script.
 */
import { raw } from 'hono/html';
import { percentOfH, type Minutes, type MinutesQuestion, type MinutesRole, type SignedRole } from '../shared/minutes.ts';
import { CHANNEL_VI, MATTER_VI, METHOD_VI, vnNumber, vnTime } from './format.ts';
import { render, STYLE } from './layout.tsx';

/** Added to the site's STYLE: the letterhead, the signature blocks, and A4 printing without the site's navigation. */
export const MINUTES_STYLE = `
@page{size:A4;margin:20mm}
.en{font-size:.8em}.letterhead{display:flex;justify-content:space-between;gap:1rem;text-align:center}.letterhead p{margin:0}
.unit{text-transform:uppercase;font-weight:600}.motto{font-weight:700}.motto .line{text-decoration:underline}
.dateline{text-align:right;font-style:italic}h1{text-align:center;text-transform:uppercase;margin:1.5rem 0 .25rem}.about{text-align:center;font-weight:600}
.status{font-weight:700}.signatures{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem;text-align:center;break-inside:avoid}
.signatures h3{font-size:1rem;margin:0;text-transform:uppercase}.signatures h3 .en{text-transform:none}.sign-here{height:4.5rem;border-bottom:1px dotted #000;margin:.5rem 0}
.signed{min-height:4.5rem;margin:.5rem 0;color:var(--ok)}
@media print{body{font:12pt/1.4 "Times New Roman",Times,serif;color:#000}header,footer,.no-print{display:none!important}main{max-width:none;padding:0}section,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

const TITLE: Record<Minutes['method'], readonly [vi: string, en: string]> = {
  household_ballot: ['Biên bản tổng hợp kết quả lấy ý kiến hộ gia đình', 'Minutes of the household ballot'],
  meeting: ['Biên bản cuộc họp của cộng đồng dân cư', 'Minutes of the community meeting'],
  online: ['Biên bản tổng hợp kết quả biểu quyết trực tuyến', 'Minutes of the online vote'],
};
const HELD: Record<Minutes['method'], string> = {
  household_ballot: 'tổng hợp kết quả lấy ý kiến hộ gia đình',
  meeting: 'tổ chức cuộc họp của cộng đồng dân cư',
  online: 'tổng hợp kết quả biểu quyết trực tuyến',
};
const ROLE: Record<MinutesRole, readonly [vi: string, en: string]> = {
  chair: ['Chủ trì', 'Chair'],
  secretary: ['Thư ký', 'Secretary'],
  front: ['Đại diện Ban công tác Mặt trận', 'Front representative'],
};

/** "80.0" -> "80,0%" (Vietnamese decimal comma). */
const pct = (percentOfH: string) => `${percentOfH.replace('.', ',')}%`;

/** "ngày 20 tháng 11 năm 2026", in Vietnam time (vnTime's date). */
function dateInWords(iso: string): string {
  const [d, m, y] = vnTime(iso).split(' ')[1]!.split('/');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

function En(props: { children: string }) {
  return (
    <span lang="en" class="en">
      {' '}
      {props.children}
    </span>
  );
}

function Question(props: { q: MinutesQuestion; n: number }) {
  const { q, n } = props;
  const adopted = q.status === 'adopted';
  const unit = q.rule.base === 'cast' ? 'phiếu' : 'hộ';
  return (
    <section aria-labelledby={`q-${q.id}`}>
      <h3 id={`q-${q.id}`}>
        Nội dung {n}: {q.text}
      </h3>
      <p>Hình thức biểu quyết: {METHOD_VI[q.method]}.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">
              Ý kiến<En>Answer</En>
            </th>
            <th scope="col" class="n">
              Số hộ
            </th>
            <th scope="col" class="n">
              % tổng số hộ
            </th>
          </tr>
        </thead>
        <tbody>
          {[...q.counts, { id: 'abstain', label: 'Không biểu quyết (phiếu trống)', ...q.abstain }, { id: 'absent', label: 'Không tham gia', ...q.absent }].map(
            (row) => (
              <tr>
                <th scope="row">{row.label}</th>
                <td class="n">{vnNumber(row.votes)}</td>
                <td class="n">{pct(row.percentOfH)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p>
        Điều kiện thông qua: {q.ruleInWords}
        {q.rule.base === 'plurality' ? '' : `, tức ít nhất ${vnNumber(q.threshold)} ${unit}`}.
      </p>
      <p class={`status ${q.status}`}>
        {adopted ? 'THÔNG QUA' : 'KHÔNG THÔNG QUA'}
        <En>{adopted ? 'Adopted' : 'Not adopted'}</En>
      </p>
      <p>{q.decisionText}</p>
    </section>
  );
}

function Signature(props: { role: MinutesRole; person?: { name: string; title: string }; signed?: SignedRole }) {
  const { role, person, signed } = props;
  const [vi, en] = ROLE[role];
  return (
    <section aria-labelledby={`sign-${role}`}>
      <h3 id={`sign-${role}`}>
        {vi}
        <En>{en}</En>
      </h3>
      {signed ? (
        <p class="signed">
          Đã ký số (khóa <code>{signed.kid}</code>) lúc {vnTime(signed.at)}
          <En>Signed digitally with this key</En>
        </p>
      ) : (
        <>
          <p class="en">(Ký, ghi rõ họ tên)</p>
          <div class="sign-here"></div>
          <p class="no-print">
            Chưa ký số.<En>Not signed digitally yet.</En>
          </p>
        </>
      )}
      <p>
        <strong>{person?.name ?? '……………………'}</strong>
      </p>
      {person ? <p>{person.title}</p> : null}
    </section>
  );
}

export interface MinutesPageInput {
  minutes: Minutes;
  /** The roles whose signature verified: `signatureStatus(...).signed`. */
  signed?: readonly SignedRole[];
  /** The site's root from this page (`../../` under `c/<id>/`). */
  base?: string;
  /** A PDF of this page is published beside it (`minutes.pdf`). */
  pdf?: boolean;
}

/** The minutes as a printable A4 page. */
export function minutesPage({ minutes: m, signed = [], base = '../../', pdf = false }: MinutesPageInput): string {
  const [titleVi, titleEn] = TITLE[m.method];
  const front = m.frontRepresentative ? { name: m.frontRepresentative.name, title: m.frontRepresentative.organisation } : undefined;
  const channels = (['online', 'paper', 'meeting'] as const).map((c) => [CHANNEL_VI[c], m.participants.byChannel[c]] as const);
  return render(
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${titleVi}: ${m.title}`}</title>
          <style>{raw(STYLE + MINUTES_STYLE)}</style>
        </head>
        <body>
          <header>
            <a href={base}>Dân bàn — Lấy ý kiến, biểu quyết của cộng đồng dân cư</a>
          </header>
          <main>
            <p class="no-print">
              {pdf ? (
                <>
                  <a href="minutes.pdf" type="application/pdf">
                    Tải bản PDF (khổ A4)
                  </a>{' '}
                  ·{' '}
                </>
              ) : null}
              <a href="minutes.json" type="application/json">
                Dữ liệu biên bản (JSON)
              </a>{' '}
              · <a href="./">Kết quả</a>
              <En>{pdf ? 'A4 PDF, the minutes as data, the result' : 'The minutes as data, the result'}</En>
            </p>
            <div class="letterhead">
              <p class="unit">{m.scope.name}</p>
              <p class="motto">
                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                <br />
                <span class="line">Độc lập - Tự do - Hạnh phúc</span>
              </p>
            </div>
            <p class="dateline">
              {m.scope.name}, {dateInWords(m.closedAt)}
            </p>
            <h1>{titleVi}</h1>
            <p class="about">Về việc: {m.title}</p>
            <p lang="en" class="en about">
              {titleEn}
            </p>
            <p>
              Từ {vnTime(m.time.from)} đến {vnTime(m.time.to)} (giờ Việt Nam), tại {m.place}, {m.scope.name} {HELD[m.method]} về việc «{m.title}». Nội dung
              thuộc: {MATTER_VI[m.matter]}.
            </p>

            <h2>
              I. Thành phần tham dự<En>Composition</En>
            </h2>
            <ol>
              <li>
                Chủ trì: Ông (bà) {m.chair.name}. Chức vụ: {m.chair.title}.
              </li>
              <li>
                Thư ký: Ông (bà) {m.secretary.name}. Chức vụ: {m.secretary.title}.
              </li>
              {m.frontRepresentative ? (
                <li>
                  Đại diện Ban công tác Mặt trận: Ông (bà) {m.frontRepresentative.name}, {m.frontRepresentative.organisation}.
                </li>
              ) : null}
            </ol>
            <p>
              Tổng số hộ gia đình trong danh sách: <strong>{vnNumber(m.eligible)}</strong> hộ.<En>Households on the roll (H).</En>
            </p>
            {m.attendance ? (
              <p>
                Số hộ gia đình có đại diện tham dự cuộc họp: <strong>{vnNumber(m.attendance.present)}</strong> ({pct(m.attendance.percentOfH)}); số hộ không có
                người đại diện tham dự: {vnNumber(m.eligible - m.attendance.present)}.
                {m.attendance.quorum
                  ? ` Cần ít nhất ${vnNumber(m.attendance.quorum.required)} hộ có mặt: ${m.attendance.quorum.met ? 'cuộc họp đủ điều kiện' : 'cuộc họp không đủ điều kiện'}.`
                  : ''}
                <En>Households present at the meeting, and the quorum.</En>
              </p>
            ) : null}
            <table>
              <caption>
                Số hộ đã biểu quyết theo hình thức<En>Households that voted, by channel</En>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Hình thức</th>
                  <th scope="col" class="n">
                    Số hộ
                  </th>
                  <th scope="col" class="n">
                    % tổng số hộ
                  </th>
                </tr>
              </thead>
              <tbody>
                {channels.map(([label, n]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <td class="n">{vnNumber(n)}</td>
                    <td class="n">{pct(percentOfH(n, m.eligible))}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Tổng cộng</th>
                  <td class="n">{vnNumber(m.participants.total)}</td>
                  <td class="n">{pct(m.participants.percentOfH)}</td>
                </tr>
              </tbody>
            </table>

            <h2>
              II. Kết quả biểu quyết<En>Results</En>
            </h2>
            {m.questions.map((q, i) => (
              <Question q={q} n={i + 1} />
            ))}

            <h2>
              III. Kết luận<En>Decision</En>
            </h2>
            {m.decision.split('\n').map((line) => (
              <p>{line}</p>
            ))}
            <p>
              Kết thúc biểu quyết lúc {vnTime(m.closedAt)}; công bố kết quả lúc {vnTime(m.publishedAt)}. Biên bản lập theo kết quả đã ký số có mã băm{' '}
              <code>{m.manifest}</code>.
            </p>

            <h2 class="no-print">
              Chữ ký<En>Signatures</En>
            </h2>
            <div class="signatures">
              <Signature role="chair" person={m.chair} signed={signed.find((s) => s.role === 'chair')} />
              <Signature role="secretary" person={m.secretary} signed={signed.find((s) => s.role === 'secretary')} />
              <Signature role="front" person={front} signed={front ? signed.find((s) => s.role === 'front') : undefined} />
            </div>
          </main>
          <footer>
            Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.
            <En>People know, discuss, act, inspect, supervise, benefit.</En>
          </footer>
        </body>
      </html>
    </>,
  );
}
