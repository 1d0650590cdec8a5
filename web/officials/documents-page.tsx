/**
 * The documents attached to a consultation's disclosure: the list with each file's kind, size and hash, a remove
 * button each, and the upload form (multipart/form-data, no script), all only before voting opens.
 */
import { DOCUMENT_MAX_BYTES, DOCUMENTS_MAX, type Consultation, type State } from '../../shared/schemas.ts';
import { KIND, shortHash } from '../documents.tsx';
import { fileSize } from '../format.ts';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, SubpageHead } from './parts.tsx';
import { En, showsEnglish } from '../lang.tsx';

export interface DocumentsPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  /** The site URL of `c/<id>/`, where the files are published. */
  siteBase: string;
  /** What was just done, said once at the top. */
  done?: string | undefined;
  /** Why an upload was refused (the API's message for its error code). */
  /** The refusal: its general message, the specific reason in Vietnamese (`detail`) and in English (`reason`, shown with the English). */
  problem?: { vi: string; en: string; detail?: string | undefined; reason?: string | undefined } | undefined;
  /** The title typed, shown again after a refusal. */
  title?: string | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  attached: ['Đã đính kèm tài liệu; trang công khai đã được cập nhật.', 'The document was attached; the public page is updated.'],
  removed: ['Đã gỡ tài liệu khỏi danh sách.', 'The document was removed from the list.'],
};

export function DocumentsPage(props: DocumentsPageInput) {
  const c = props.consultation;
  const base = `/officials/c/${c.id}/documents`;
  const open = props.state === 'draft' || props.state === 'disclosure';
  const documents = c.documents ?? [];
  const done = props.done ? DONE[props.done] : undefined;
  return (
    <OfficialFrame title={`Tài liệu đính kèm — ${c.title}`} official={props.official}>
      <SubpageHead consultation={c} state={props.state} title={{ vi: 'Tài liệu đính kèm', en: 'Attached documents' }} done={done} />
      {props.problem ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <h2>
            <Bi vi="Chưa đính kèm" en="Not attached" />
          </h2>
          <p>
            <Bi vi={props.problem.vi} en={props.problem.en} />
          </p>
          {props.problem.detail ? <p>{props.problem.detail}</p> : null}
          {props.problem.reason && showsEnglish() ? <p lang="en">{props.problem.reason}</p> : null}
        </div>
      ) : null}
      {documents.length === 0 ? (
        <p>
          <Bi vi="Chưa có tài liệu nào." en="No document yet." />
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Tài liệu" en="Document" />
              </th>
              <th scope="col">
                <Bi vi="Loại, dung lượng" en="Kind, size" />
              </th>
              <th scope="col">SHA-256</th>
              {open ? (
                <th scope="col">
                  <Bi vi="Gỡ" en="Remove" />
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr>
                <td id={`doc-${d.sha256}`}>
                  <a href={`${props.siteBase}${d.file}`} type={d.mediaType}>
                    {d.title}
                  </a>
                </td>
                <td>
                  {KIND[d.mediaType][0]}, {fileSize(d.bytes)}
                </td>
                <td>
                  <code title={d.sha256}>{shortHash(d.sha256)}</code>
                </td>
                {open ? (
                  <td>
                    <form method="post" action={`${base}/${d.sha256}/remove`}>
                      <button type="submit" class="secondary" aria-describedby={`doc-${d.sha256}`}>
                        Gỡ <En bare>Remove</En>
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!open ? (
        <p class="panel panel-warn">
          <Bi vi="Đã mở biểu quyết: tài liệu đính kèm không thể thay đổi." en="Voting has opened: the attached documents cannot change." />
        </p>
      ) : documents.length >= DOCUMENTS_MAX ? (
        <p class="panel panel-warn">
          <Bi vi={`Đã đủ ${DOCUMENTS_MAX} tài liệu; hãy gỡ bớt trước khi thêm.`} en={`${DOCUMENTS_MAX} documents are attached; remove one to add another.`} />
        </p>
      ) : (
        <form method="post" action={base} enctype="multipart/form-data">
          <h2>
            <Bi vi="Đính kèm tài liệu" en="Attach a document" />
          </h2>
          <p id="document-hint">
            <Bi
              vi={`Tệp PDF, PNG hoặc JPEG, tối đa ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB; tối đa ${DOCUMENTS_MAX} tài liệu. Tệp được đăng lên trang web công khai ngay khi đính kèm, kể cả khi còn là dự thảo; gỡ tài liệu chỉ bỏ nó khỏi danh sách. Việc đính kèm và gỡ đều được ghi vào nhật ký.`}
              en={`A PDF, PNG or JPEG file, at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB; at most ${DOCUMENTS_MAX} documents. The file is put on the public site as soon as it is attached, even for a draft; removing a document only takes it off the list. Both are recorded in the audit log.`}
            />
          </p>
          <label class="field" for="document-title">
            <Bi vi="Tên tài liệu" en="Title" />
          </label>
          <input type="text" id="document-title" name="title" value={props.title ?? ''} required maxlength={300} aria-describedby="document-hint" />
          <label class="field" for="document-file">
            <Bi vi="Tệp" en="File" />
          </label>
          <input
            type="file"
            id="document-file"
            name="file"
            required
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-describedby="document-hint"
          />
          <p>
            <button type="submit">
              Đính kèm <En bare>Attach</En>
            </button>
          </p>
        </form>
      )}
    </OfficialFrame>
  );
}
