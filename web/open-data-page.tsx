/**
 * The site's open-data page (`open-data.html`): every JSON file the site publishes, what it holds, each top-level
 * field in Vietnamese and English, an example and the link to its JSON Schema; and `openDataSiteFiles`, the page and
 * the schemas as the site serves them (published by functions/core/publishing.ts `publishOpenData` locally, and by
 * the deploy on AWS). Vietnamese first, English beside it, as on every published page.
 */
import { OPEN_DATA_FILES, type OpenDataFile } from '../shared/open-data/catalogue.ts';
import { EXAMPLES } from '../shared/open-data/examples.ts';
import { openDataSchemas, schemaPath } from '../shared/open-data/schemas.ts';
import { Page, render } from './layout.tsx';

/** Where the page lives, from the site root. */
export const OPEN_DATA_PAGE = 'open-data.html';

function FileSection(props: { file: OpenDataFile }) {
  const { file } = props;
  const lines = file.paths.some((p) => p.encoding === 'jsonl');
  const fields = Object.entries(file.fields);
  return (
    <section id={file.name}>
      <h2>
        {file.title.vi}{' '}
        <span lang="en" class="en">
          / {file.title.en}
        </span>
      </h2>
      <p>
        {file.paths.map((p, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <code>{p.path}</code>
            {p.encoding === 'jws' ? ' (nội dung đã ký / signed payload)' : ''}
          </>
        ))}
      </p>
      <p>
        {file.holds.vi}{' '}
        <span lang="en" class="en">
          {file.holds.en}
        </span>
      </p>
      {lines ? (
        <p>
          Mỗi dòng là một bản ghi JSON, kết thúc bằng ký tự xuống dòng; lược đồ áp dụng cho từng dòng.{' '}
          <span lang="en" class="en">
            Each line is one JSON record ended by a line feed; the schema applies to each line.
          </span>
        </p>
      ) : null}
      {fields.length > 0 ? (
        <table class="stack">
          <thead>
            <tr>
              <th>
                Trường{' '}
                <span lang="en" class="en">
                  Field
                </span>
              </th>
              <th>Ý nghĩa</th>
              <th lang="en">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([name, words]) => (
              <tr>
                <td data-label="Trường">
                  <code>{name}</code>
                </td>
                <td data-label="Ý nghĩa">{words.vi}</td>
                <td data-label="Meaning" lang="en" class="en">
                  {words.en}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <details>
        <summary>
          Ví dụ{' '}
          <span lang="en" class="en">
            / Example
          </span>
        </summary>
        <pre>
          <code>{JSON.stringify(EXAMPLES[file.name], null, 2)}</code>
        </pre>
      </details>
      <p>
        Lược đồ JSON{' '}
        <span lang="en" class="en">
          / JSON Schema
        </span>
        : <a href={schemaPath(file.name)}>{schemaPath(file.name)}</a>
      </p>
    </section>
  );
}

/** The open-data page, published at the site root. */
export function openDataPage(): string {
  return render(
    <Page title="Dân bàn — Dữ liệu mở / Open data">
      <h1>Dữ liệu mở</h1>
      <p lang="en" class="en">
        Open data
      </p>
      <p>
        Mọi tệp JSON mà trang công bố đều có lược đồ JSON (JSON Schema 2020-12) để ai cũng có thể đọc và kiểm tra bằng chương trình của mình. Các tệp được ký
        hoặc băm được ghi theo JSON chuẩn tắc (RFC 8785); mọi tệp đều mã UTF-8; thời gian theo giờ UTC (RFC 3339). Bảng tính <code>ballots.csv</code>,{' '}
        <code>tally.csv</code> và <code>schedule.csv</code> chỉ để tiện xem; tệp JSON và chữ ký là bản có giá trị.{' '}
        <span lang="en" class="en">
          Every JSON file the site publishes has a JSON Schema (2020-12), so anyone can read and check it with a program of their own. Files that are signed or
          hashed are canonical JSON (RFC 8785); every file is UTF-8; times are UTC (RFC 3339). The spreadsheets <code>ballots.csv</code>, <code>tally.csv</code>{' '}
          and <code>schedule.csv</code> are conveniences; the JSON files and their signatures are authoritative.
        </span>
      </p>
      <p>
        Trong đường dẫn, <code>&lt;id&gt;</code> là mã cuộc lấy ý kiến (hoặc mã cuộc lấy ý kiến toàn xã dưới <code>g/</code>).{' '}
        <span lang="en" class="en">
          In the paths, <code>&lt;id&gt;</code> is the consultation's id (or the commune round's id under <code>g/</code>).
        </span>
      </p>
      <ul>
        {OPEN_DATA_FILES.map((f) => (
          <li>
            <a href={`#${f.name}`}>{f.title.vi}</a>{' '}
            <span lang="en" class="en">
              / {f.title.en}
            </span>
          </li>
        ))}
      </ul>
      {OPEN_DATA_FILES.map((file) => (
        <FileSection file={file} />
      ))}
    </Page>,
  );
}

/** A file of the site: its path from the root, its text and content type. */
export interface SiteFile {
  path: string;
  body: string;
  contentType: string;
}

/**
 * The open-data page and every schema, as the site serves them.
 * @example for (const f of openDataSiteFiles()) await publisher.put(f.path, f.body, { contentType: f.contentType, cacheControl })
 */
export function openDataSiteFiles(): SiteFile[] {
  return [
    { path: OPEN_DATA_PAGE, body: openDataPage(), contentType: 'text/html; charset=utf-8' },
    ...Object.entries(openDataSchemas()).map(([path, doc]) => ({
      path,
      body: `${JSON.stringify(doc, null, 2)}\n`,
      contentType: 'application/json; charset=utf-8',
    })),
  ];
}
