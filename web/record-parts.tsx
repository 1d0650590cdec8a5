/**
 * What the decision record's page (./record-page.tsx) and the counting record's page (./counting-page.tsx) share:
 * the A4 print style, the letterhead with the national motto, each question's counts, a signature block, the list of
 * scans and the page frame. One A4 document each, no script.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { RecordQuestion } from '../shared/minutes.ts';
import { vnNumber, vnTime } from './format.ts';
import { FAVICON, render, STYLE } from './layout.tsx';

/** Added to the site's STYLE: the letterhead, the signature blocks, and A4 printing without the site's navigation. */
export const RECORD_STYLE = `
@page{size:A4;margin:20mm}
.en{font-size:.8em}.letterhead{display:flex;justify-content:space-between;gap:1rem;text-align:center}.letterhead p{margin:0}
.unit{text-transform:uppercase;font-weight:600}.motto{font-weight:700}.motto .line{text-decoration:underline}
.dateline{text-align:right;font-style:italic}h1{text-align:center;text-transform:uppercase;margin:1.5rem 0 .25rem}.about{text-align:center;font-weight:600}
.status{font-weight:700}.signatures{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1rem;text-align:center;break-inside:avoid;overflow-wrap:anywhere}
@media screen and (max-width:40rem){.signatures{grid-template-columns:minmax(0,1fr)}}
.signatures h3{font-size:1rem;margin:0;text-transform:uppercase}.signatures h3 .en{text-transform:none}.sign-here{height:4.5rem;border-bottom:1px dotted #000;margin:.5rem 0}
.signed{min-height:4.5rem;margin:.5rem 0;color:var(--ok)}.summary{white-space:pre-line}main{overflow-wrap:break-word}.departure{border-left:3px solid var(--warn,#b45309);padding-left:.5rem}
.notices{width:100%;border-collapse:collapse;font-size:.9em;table-layout:fixed}.notices th,.notices td{border:1px solid #999;padding:.1rem .3rem;text-align:left;overflow-wrap:anywhere}.notices .n{text-align:right}
@media print{body{font:12pt/1.4 "Times New Roman",Times,serif;color:#000}header,footer,.no-print{display:none!important}main{max-width:none;padding:0}section,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

/** A scan of the paper copy signed by hand, as the live log records it. */
export interface RecordScan {
  document: 'decision' | 'counting';
  /** Its path under `c/<id>/`: `record/scans/<sha256>.<ext>`. */
  file: string;
  sha256: string;
  at: string;
}

/** "80.0" -> "80,0%" (Vietnamese decimal comma). */
export const pct = (percentOfH: string) => `${percentOfH.replace('.', ',')}%`;

/** "ngày 20 tháng 11 năm 2026", in Vietnam time (vnTime's date). */
export function dateInWords(iso: string): string {
  const [d, m, y] = vnTime(iso).split(' ')[1]!.split('/');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

export function En(props: { children: Child }) {
  return (
    <span lang="en" class="en">
      {' '}
      {props.children}
    </span>
  );
}

/** "UBND XÃ …" over "THÔN …" on the left, the national motto on the right, and the place and date under it. */
export function Letterhead(props: { letterhead: { authority: string; unit: string }; place: string; date: string }) {
  return (
    <>
      <div class="letterhead">
        <p class="unit">
          {props.letterhead.authority}
          <br />
          <span class="line">{props.letterhead.unit}</span>
        </p>
        <p class="motto">
          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
          <br />
          <span class="line">Độc lập - Tự do - Hạnh phúc</span>
        </p>
      </div>
      <p class="dateline">
        {props.place}, {dateInWords(props.date)}
      </p>
    </>
  );
}

/** One question: its counts and shares of H, the threshold and the outcome in words. */
export function QuestionCounts(props: { q: RecordQuestion; n: number }) {
  const { q, n } = props;
  const adopted = q.status === 'adopted';
  const unit = q.rule.base === 'cast' ? 'phiếu' : 'hộ';
  const rows = [...q.counts, { id: 'abstain', label: 'Không biểu quyết (phiếu trống)', ...q.abstain }, { id: 'absent', label: 'Không tham gia', ...q.absent }];
  return (
    <section aria-labelledby={`q-${q.id}`}>
      <h3 id={`q-${q.id}`}>
        Nội dung {n}: {q.text}
      </h3>
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
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <td class="n">{vnNumber(row.votes)}</td>
              <td class="n">{pct(row.percentOfH)}</td>
            </tr>
          ))}
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

/** A signature block: the office, a line to sign by hand (or the key signature), and the name. */
export function SignatureBlock(props: { id: string; vi: string; en: string; name?: string | undefined; signed?: { kid: string; at: string } | undefined }) {
  return (
    <section aria-labelledby={`sign-${props.id}`}>
      <h3 id={`sign-${props.id}`}>
        {props.vi}
        <En>{props.en}</En>
      </h3>
      <p class="en">(Ký, ghi rõ họ tên)</p>
      {props.signed ? (
        <p class="signed">
          Đã ký số (khóa <code>{props.signed.kid}</code>) lúc {vnTime(props.signed.at)}
          <En>Signed digitally with this key</En>
        </p>
      ) : (
        <div class="sign-here"></div>
      )}
      <p>
        <strong>{props.name ?? '……………………'}</strong>
      </p>
    </section>
  );
}

/** The scans of the paper copy signed by hand, each with its hash, relative to `record/`. */
export function Scans(props: { scans: readonly RecordScan[] }) {
  if (props.scans.length === 0) return null;
  return (
    <section class="no-print" aria-labelledby="scans">
      <h2 id="scans">
        Bản chụp văn bản đã ký tay<En>Scans of the paper copy signed by hand</En>
      </h2>
      <ul>
        {props.scans.map((s) => (
          <li>
            <a href={s.file.replace(/^record\//, '')}>{s.file.split('/').pop()}</a> — đăng lúc {vnTime(s.at)}; mã băm SHA-256 <code>{s.sha256}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The page around a record: head, the site's header, the links to its PDF and JSON and the result, and the footer. */
export function recordFrame(props: { title: string; name: 'decision' | 'counting'; pdf: boolean; children: Child }): string {
  return render(
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{props.title}</title>
          <link rel="icon" href={FAVICON} />
          <style>{raw(STYLE + RECORD_STYLE)}</style>
        </head>
        <body>
          <header>
            <a href="../../../">Dân bàn — Lấy ý kiến, biểu quyết của cộng đồng dân cư</a>
          </header>
          <main>
            <p class="no-print">
              {props.pdf ? (
                <>
                  <a href={`${props.name}.pdf`} type="application/pdf">
                    Tải bản PDF (khổ A4)
                  </a>{' '}
                  ·{' '}
                </>
              ) : null}
              <a href={`${props.name}.json`} type="application/json">
                Dữ liệu (JSON)
              </a>{' '}
              · <a href="../">Kết quả</a>
              <En>{props.pdf ? 'A4 PDF, the data, the result' : 'The data, the result'}</En>
            </p>
            {props.children}
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
