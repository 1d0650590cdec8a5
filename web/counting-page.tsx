/**
 * The printable counting record (Decree 59/2023 form 02 for a meeting's counting committee, form 04 for a household
 * ballot's team): the members, the 2 household witnesses, the slips issued, returned, entered, spoiled and valid,
 * and each question's counts; signed by hand by the members and the witnesses.
 */
import type { CountingRecord } from '../shared/minutes.ts';
import { vnNumber, vnTime } from './format.ts';
import { En, Letterhead, QuestionCounts, type RecordScan, recordFrame, Scans, SignatureBlock } from './record-parts.tsx';

const TITLE: Record<CountingRecord['form'], readonly [vi: string, en: string, team: string]> = {
  mau_02: ['Biên bản kiểm phiếu', 'Counting record of the meeting (form 02)', 'Ban kiểm phiếu'],
  mau_04: ['Biên bản kiểm phiếu lấy ý kiến hộ gia đình', 'Counting record of the household ballot (form 04)', 'Tổ phát phiếu lấy ý kiến'],
};

export interface CountingPageInput {
  record: CountingRecord;
  scans?: readonly RecordScan[];
  pdf?: boolean;
}

function SlipsTable(props: { r: CountingRecord }) {
  const s = props.r.slips;
  if (!s)
    return (
      <p>
        Cuộc họp biểu quyết bằng hình thức giơ tay: không có phiếu.<En>A show of hands: no slips.</En>
      </p>
    );
  const rows: [string, string, number][] = [
    ['Số phiếu phát ra', 'issued', s.issued],
    ['Số phiếu thu về', 'returned', s.returned],
    ['Số phiếu đã kiểm', 'entered', s.entered],
    ['Số phiếu không hợp lệ', 'spoiled', s.spoiled],
    ['Số phiếu hợp lệ', 'valid', s.valid],
  ];
  return (
    <table>
      <caption>
        Phiếu<En>Slips</En>
      </caption>
      <tbody>
        {rows.map(([vi, en, n]) => (
          <tr>
            <th scope="row">
              {vi}
              <En>{en}</En>
            </th>
            <td class="n">{vnNumber(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The counting record as a printable A4 page. */
export function countingPage({ record: r, scans = [], pdf = false }: CountingPageInput): string {
  const [titleVi, titleEn, team] = TITLE[r.form];
  return recordFrame({
    title: `${titleVi}: ${r.title}`,
    name: 'counting',
    pdf,
    children: (
      <>
        <Letterhead letterhead={r.letterhead} place={r.scope.name} date={r.at} />
        <h1>{titleVi}</h1>
        <p class="about">Về việc: {r.title}</p>
        <p lang="en" class="en about">
          {titleEn}
        </p>
        <p>
          Vào lúc {vnTime(r.at)} (giờ Việt Nam), tại {r.place}, {team} gồm:
        </p>
        <ol>
          {r.members.map((m) => (
            <li>
              Ông (bà) {m.name} — {m.role}
            </li>
          ))}
        </ol>
        <p>
          Với sự chứng kiến của đại diện 02 hộ gia đình (mã hộ {r.witnesses.join(', ')}), đã tiến hành kiểm phiếu. Tổng số hộ gia đình: {vnNumber(r.eligible)}.
          <En>Counted before 2 household witnesses (by roll id).</En>
        </p>
        <SlipsTable r={r} />
        <h2>
          Kết quả kiểm phiếu<En>Counts</En>
        </h2>
        {r.questions.map((q, i) => (
          <QuestionCounts q={q} n={i + 1} />
        ))}
        <p>
          Biên bản lập theo kết quả đã ký số có mã băm <code>{r.manifest}</code>.
        </p>
        <div class="signatures">
          {r.members.map((m, i) => (
            <SignatureBlock id={`member-${i + 1}`} vi={m.role} en="Member" name={m.name} />
          ))}
          {r.witnesses.map((id, i) => (
            <SignatureBlock id={`witness-${i + 1}`} vi={`Hộ gia đình chứng kiến (mã hộ ${id})`} en="Household witness" />
          ))}
        </div>
        <Scans scans={scans} />
      </>
    ),
  });
}
