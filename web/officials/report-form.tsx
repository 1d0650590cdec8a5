/**
 * The village head's report on carrying out the decision (Law 10/2022 Art. 23(2)): its date, its text and, if any,
 * the signed report as a file (multipart/form-data, as a disclosure's document: PDF, PNG or JPEG, at most 4 MiB).
 */
import { DOCUMENT_MAX_BYTES } from '../../shared/schemas.ts';
import { Bi } from './parts.tsx';
import { En } from '../lang.tsx';

export function ReportForm(props: { action: string; values: Record<string, string> }) {
  const v = props.values;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <h2>
        <Bi vi="Báo cáo kết quả thực hiện" en="Report on carrying out the decision" />
      </h2>
      <p id="report-hint">
        <Bi
          vi={`Trưởng thôn, Tổ trưởng tổ dân phố báo cáo kết quả thực hiện quyết định đến Nhân dân (Điều 23 khoản 2 Luật số 10/2022/QH15). Báo cáo được đăng công khai ngay, cùng tệp đính kèm (PDF, PNG hoặc JPEG, tối đa ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB) nếu có, và không sửa được: báo cáo sai được hủy bằng một mục đính chính.`}
          en={`The village head reports to the residents on carrying out the decision (Law 10/2022 Art. 23(2)). The report is published at once, with its file (PDF, PNG or JPEG, at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB) if any, and cannot be edited: a wrong one is reversed by a correction.`}
        />
      </p>
      <label class="field" for="report-date">
        <Bi vi="Ngày báo cáo" en="Date" />
      </label>
      <input type="date" id="report-date" name="date" value={v.date ?? ''} required aria-describedby="report-hint" />
      <label class="field" for="report-text">
        <Bi vi="Nội dung báo cáo" en="Text of the report" />
      </label>
      <textarea id="report-text" name="text" rows={8} required maxlength={10_000}>
        {v.text ?? ''}
      </textarea>
      <label class="field" for="report-title">
        <Bi vi="Tên tệp đính kèm (nếu có)" en="Title of the attached file (if any)" />
      </label>
      <input type="text" id="report-title" name="title" value={v.title ?? ''} maxlength={300} />
      <label class="field" for="report-file">
        <Bi vi="Tệp đính kèm (nếu có)" en="Attached file (if any)" />
      </label>
      <input type="file" id="report-file" name="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" />
      <p>
        <button type="submit">
          Đăng báo cáo <En bare>Publish the report</En>
        </button>
      </p>
    </form>
  );
}
