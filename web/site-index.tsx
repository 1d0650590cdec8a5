/**
 * The site's home page: every public consultation by state, newest first. Its caller (functions/core/publishing.ts
 * `publishIndex`) passes only those that were ever public: no draft, and no draft cancelled before it was disclosed.
 */
import type { Consultation, State } from '../shared/schemas.ts';
import { STATE_EN, STATE_VI } from './format.ts';
import { Page, render } from './layout.tsx';

export interface IndexEntry {
  consultation: Consultation;
  state: State;
  /** The commune's display name, once UBND xã has set it. */
  communeName?: string | undefined;
  /** The correction round that corrects this round's published result after a full hand count. */
  correctedBy?: string | undefined;
}

const ORDER: State[] = ['voting', 'disclosure', 'closed', 'published', 'cancelled'];
/** States in which ballots exist, so a household can check its own by tracking code or receipt. */
const CHECKABLE: ReadonlySet<State> = new Set(['voting', 'closed', 'published']);

export function siteIndex(entries: IndexEntry[], kid: string | undefined): string {
  return render(
    <Page title="Dân bàn — các cuộc lấy ý kiến">
      <h1>Các cuộc lấy ý kiến, biểu quyết</h1>
      <p lang="en" class="en">
        Consultations and votes of the commune's residents.
      </p>
      {entries.some((e) => CHECKABLE.has(e.state)) ? (
        <p>
          Hộ đã gửi phiếu có thể kiểm tra phiếu của mình bằng mã theo dõi hoặc biên nhận: chọn «Kiểm tra phiếu của hộ» bên cạnh cuộc lấy ý kiến.{' '}
          <span lang="en" class="en">
            A household that voted can check its ballot with its tracking code or receipt: choose “Kiểm tra phiếu của hộ” (Check a household's ballot) beside
            the consultation.
          </span>
        </p>
      ) : null}
      {ORDER.map((state) => {
        const list = entries.filter((e) => e.state === state);
        if (list.length === 0) return null;
        return (
          <section>
            <h2>
              {STATE_VI[state]}{' '}
              <span lang="en" class="en">
                / {STATE_EN[state]}
              </span>
            </h2>
            <ul>
              {list.map((e) => (
                <li>
                  {e.state === 'cancelled' ? e.consultation.title : <a href={`c/${e.consultation.id}/`}>{e.consultation.title}</a>} —{' '}
                  {e.consultation.scope.name}
                  {e.communeName ? `, ${e.communeName}` : ''}
                  {e.correctedBy ? (
                    <>
                      {' '}
                      · <strong>đã được sửa</strong> bởi <a href={`c/${e.correctedBy}/`}>vòng đếm lại toàn bộ</a>{' '}
                      <span lang="en" class="en">
                        (corrected after a full hand count)
                      </span>
                    </>
                  ) : null}
                  {CHECKABLE.has(e.state) ? (
                    <>
                      {' '}
                      · <a href={`vote/${e.consultation.id}/receipt`}>Kiểm tra phiếu của hộ</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {entries.length === 0 ? (
        <p>
          Chưa có cuộc lấy ý kiến nào.{' '}
          <span lang="en" class="en">
            Nothing yet.
          </span>
        </p>
      ) : null}
      <h2>Khóa ký kết quả / Result-signing key</h2>
      {kid ? (
        <p>
          Dấu vân tay: <code>{kid}</code> — <a href="keys/jwks.json">jwks.json</a>, <a href={`keys/${kid}.pem`}>{kid}.pem</a>
        </p>
      ) : (
        <p>Chưa có khóa.</p>
      )}
      <footer>
        <a href="open-data.html">Dữ liệu mở</a> — mô tả và lược đồ JSON của mọi tệp được công bố.{' '}
        <span lang="en" class="en">
          <a href="open-data.html">Open data</a>: every published file described, with its JSON Schema.
        </span>
      </footer>
    </Page>,
  );
}
