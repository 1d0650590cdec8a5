/**
 * The commune's contact book, from a round's page: upload the households' phone numbers and Zalo ids as CSV (every
 * bad line with its reason, nothing half-taken), and mark a household as not wanting messages. Private to the
 * commune's officials; a number is shown with its middle hidden.
 */
import type { HouseholdContact } from '../../shared/contacts.ts';
import type { Consultation, State } from '../../shared/schemas.ts';
import { En } from '../lang.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, StateLabel } from './parts.tsx';

export interface ContactsPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  contacts: readonly HouseholdContact[];
  problems?: ReadonlyArray<{ vi: string; en: string }> | undefined;
  uploaded?: { count: number; withPhone: number; withZalo: number; optedOut: number } | undefined;
  pasted?: string | undefined;
}

/** `0912 345 678` as `09…678`: enough to tell two apart, not enough to call. */
export const maskedPhone = (phone: string) => {
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.length > 5 ? `${digits.slice(0, 2)}…${digits.slice(-3)}` : '…';
};

export function ContactsPage(props: ContactsPageInput) {
  const c = props.consultation;
  const problems = props.problems ?? [];
  return (
    <OfficialFrame title={`Danh bạ liên lạc — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a> <StateLabel state={props.state} />
      </p>
      <h1>
        <Bi vi="Danh bạ liên lạc của các hộ" en="Households' contacts" />
      </h1>
      <p>
        <Bi
          vi="Số điện thoại và Zalo chỉ dùng để gửi thông báo; không bao giờ được công khai, không ghi vào nhật ký. Mã biểu quyết không bao giờ gửi qua tin nhắn."
          en="Phone numbers and Zalo ids are used only to send notices; never published, never logged. Voting codes are never sent in a message."
        />
      </p>
      {problems.length > 0 ? (
        <div class="panel panel-alert" role="alert" id="problems">
          <h2>
            <Bi vi={`Chưa tải lên: ${problems.length} lỗi`} en={`Not uploaded: ${problems.length} problem(s)`} />
          </h2>
          <ul>
            {problems.map((p) => (
              <li>
                <Bi vi={p.vi} en={p.en} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.uploaded ? (
        <p class="panel panel-ok" role="status" id="uploaded">
          <Bi
            vi={`Đã tải lên ${props.uploaded.count} hộ: ${props.uploaded.withPhone} có số điện thoại, ${props.uploaded.withZalo} có Zalo, ${props.uploaded.optedOut} từ chối nhận tin.`}
            en={`${props.uploaded.count} households uploaded: ${props.uploaded.withPhone} with a phone, ${props.uploaded.withZalo} with Zalo, ${props.uploaded.optedOut} opted out.`}
          />
        </p>
      ) : null}
      <form method="post" action={`/officials/c/${c.id}/contacts`}>
        <h2>
          <Bi vi="Tải lên danh bạ (CSV)" en="Upload contacts (CSV)" />
        </h2>
        <p id="contacts-hint">
          <Bi
            vi="Dòng đầu là tiêu đề cột: Mã hộ, Số điện thoại, Zalo, Từ chối nhận tin (Có hoặc để trống). Ngăn cách bằng dấu phẩy hoặc dấu chấm phẩy. Hộ đã có được thay thế; hộ khác giữ nguyên."
            en="The first line names the columns: roll id, phone, Zalo id, opt-out (Có or empty). Commas or semicolons. A household already there is replaced; the others are kept."
          />
        </p>
        <label class="field" for="csv">
          <Bi vi="Nội dung CSV" en="The CSV" />
        </label>
        <textarea id="csv" name="csv" rows={8} aria-describedby="contacts-hint" spellcheck={false}>
          {props.pasted ?? ''}
        </textarea>
        <p>
          <button type="submit">
            Tải lên <En bare>Upload</En>
          </button>
        </p>
      </form>
      <h2>
        <Bi vi={`Các hộ trong danh bạ (${props.contacts.length})`} en={`Households in the book (${props.contacts.length})`} />
      </h2>
      {props.contacts.length === 0 ? (
        <p>
          <Bi vi="Chưa có hộ nào." en="None yet." />
        </p>
      ) : (
        <table id="contacts">
          <thead>
            <tr>
              <th scope="col">
                <Bi vi="Mã hộ" en="Roll id" />
              </th>
              <th scope="col">
                <Bi vi="Điện thoại" en="Phone" />
              </th>
              <th scope="col">Zalo</th>
              <th scope="col">
                <Bi vi="Nhận tin" en="Notices" />
              </th>
            </tr>
          </thead>
          <tbody>
            {props.contacts.map((h) => (
              <tr data-household={h.rollId}>
                <td>{h.rollId}</td>
                <td>{h.phone ? maskedPhone(h.phone) : '—'}</td>
                <td>{h.zaloId ? <Bi vi="Có" en="Yes" /> : '—'}</td>
                <td>
                  <form method="post" action={`/officials/c/${c.id}/contacts/${encodeURIComponent(h.rollId)}/opt-out`}>
                    <input type="hidden" name="optedOut" value={h.optedOut ? 'false' : 'true'} />
                    {h.optedOut ? <Bi vi="Từ chối nhận tin" en="Opted out" /> : <Bi vi="Nhận tin" en="Takes notices" />}{' '}
                    <button type="submit" class="secondary">
                      {h.optedOut ? <Bi vi="Nhận lại tin" en="Take notices again" /> : <Bi vi="Hộ từ chối nhận tin" en="Household opts out" />}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficialFrame>
  );
}
