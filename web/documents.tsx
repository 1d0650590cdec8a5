/** The "attached documents" section of a consultation's public pages: title, kind, size, link and SHA-256 of each. */
import type { Document, DocumentMediaType } from '../shared/schemas.ts';
import { fileSize } from './format.ts';
import { En } from './lang.tsx';

export const KIND: Readonly<Record<DocumentMediaType, readonly [vi: string, en: string]>> = {
  'application/pdf': ['Tệp PDF', 'PDF'],
  'image/png': ['Ảnh PNG', 'PNG image'],
  'image/jpeg': ['Ảnh JPEG', 'JPEG image'],
};

/** The start of a hash, enough to tell documents apart at a glance; the full value is one click away. */
export const shortHash = (sha256: string) => `${sha256.slice(0, 12)}…`;

/**
 * The list, or nothing when no document is attached. `base` is where `c/<id>/` is: '' on the published pages (the
 * files sit beside them), the site URL of the folder on a page served from elsewhere (the officials' preview).
 */
export function AttachedDocuments(props: { documents: readonly Document[] | undefined; base?: string | undefined }) {
  const list = props.documents ?? [];
  if (list.length === 0) return null;
  return (
    <section class="docs" aria-labelledby="docs">
      <h2 id="docs">
        Tài liệu đính kèm <En>/ Attached documents</En>
      </h2>
      <ul>
        {list.map((d) => (
          <li>
            <a href={`${props.base ?? ''}${d.file}`} type={d.mediaType}>
              {d.title}
            </a>{' '}
            — {KIND[d.mediaType][0]} <En>/ {KIND[d.mediaType][1]}</En>, {fileSize(d.bytes)}
            <details>
              <summary>
                SHA-256: <code title={d.sha256}>{shortHash(d.sha256)}</code>
              </summary>
              <code class="mono">{d.sha256}</code>
            </details>
          </li>
        ))}
      </ul>
      <p>
        Mã SHA-256 của mỗi tài liệu được ghi trong nội dung lấy ý kiến (consultation.json), được ký số cùng kết quả khi công bố; có thể dùng mã này để kiểm tra
        bản đã tải về (lệnh <code>sha256sum</code>, hoặc <code>certutil -hashfile &lt;tệp&gt; SHA256</code> trên Windows).{' '}
        <En>Each document’s SHA-256 is recorded in consultation.json, which the commune signs with the result: check a downloaded copy against it.</En>
      </p>
    </section>
  );
}
