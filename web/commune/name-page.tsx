/**
 * UBND xã's page of its commune's display name (`/commune/name`): the name people read on every page instead of the
 * commune's id, and the district and province if wanted; the form that sets them, without script; and the commune's
 * own log of each naming. The id stays as it is in every published file.
 */
import { actorWords, auditWords } from '../../shared/audit-words.ts';
import type { AuditEvent } from '../../shared/schemas.ts';
import { vnAt } from '../format.ts';
import { StaffFrame } from '../officials/frame.tsx';
import type { FieldProblem, Official } from '../officials/model.ts';
import { Bi, described, ErrorSummary, FieldError } from '../officials/parts.tsx';

/** The form's fields as typed (sent back as they were when something is wrong). */
export interface CommuneNameValues {
  name: string;
  district: string;
  province: string;
}

export interface CommuneNamePageInput {
  commune: Official;
  /** The profile as set, if it is. */
  profile?: { name: string; district?: string | undefined; province?: string | undefined } | undefined;
  /** The commune's own log, oldest first. */
  log: readonly AuditEvent[];
  values?: CommuneNameValues | undefined;
  problems?: readonly FieldProblem[] | undefined;
  done?: boolean | undefined;
}

const LABELS: Record<keyof CommuneNameValues, readonly [vi: string, en: string]> = {
  name: ['Tên xã', 'Name of the commune'],
  district: ['Huyện (nếu có)', 'District (if any)'],
  province: ['Tỉnh, thành phố', 'Province or city'],
};

const STYLE = 'form.act{margin-top:1.5rem}.field-error{color:#8a1c1c}';

export function CommuneNamePage(props: CommuneNamePageInput) {
  const { profile } = props;
  const problems = props.problems ?? [];
  const values: CommuneNameValues = props.values ?? { name: profile?.name ?? '', district: profile?.district ?? '', province: profile?.province ?? '' };
  const field = (key: keyof CommuneNameValues, required: boolean) => (
    <>
      <label class="field" for={described(key, problems).id}>
        <Bi vi={LABELS[key][0]} en={LABELS[key][1]} />
      </label>
      <FieldError name={key} problems={problems} />
      <input type="text" {...described(key, problems)} value={values[key]} required={required} minlength={2} maxlength={120} autocomplete="off" />
    </>
  );
  return (
    <StaffFrame role="commune" title="Tên hiển thị của xã" who={props.commune} style={STYLE}>
      {props.done ? (
        <div class="panel panel-ok" role="status">
          <p>
            <Bi vi="Đã lưu tên xã. Các trang công khai đã được cập nhật." en="The name was saved. The public pages were updated." />
          </p>
        </div>
      ) : null}
      <p>
        <a href="/commune/">
          <Bi vi="← Danh sách" en="Back to the list" />
        </a>
      </p>
      <h1>
        <Bi vi="Tên hiển thị của xã" en="The commune’s display name" />
      </h1>
      {profile ? (
        <p>
          <Bi vi="Tên đang dùng:" en="The name in use:" /> <strong>{profile.name}</strong>
          {profile.district ? `, ${profile.district}` : ''}
          {profile.province ? `, ${profile.province}` : ''}
        </p>
      ) : (
        <p>
          <Bi vi="Chưa đặt tên: các trang đang hiện mã xã" en="No name yet: the pages show the commune id" /> <span class="mono">{props.commune.commune}</span>.
        </p>
      )}
      <p class="hint">
        <Bi
          vi="Người dân đọc tên này ở đầu các trang và trên trang kết quả. Mã xã không đổi: đó là mã ghi trong các tệp kết quả đã ký."
          en="People read this name at the top of the pages and on the result pages. The commune id does not change: it is the one in the signed result files."
        />
      </p>
      <ErrorSummary problems={problems} label={(f) => LABELS[f as keyof CommuneNameValues]?.[0] ?? f} />
      <form method="post" action="/commune/name" class="act" id="commune-name">
        {field('name', true)}
        {field('district', false)}
        {field('province', false)}
        <p>
          <button type="submit">
            <Bi vi="Lưu tên" en="Save the name" />
          </button>
        </p>
      </form>
      {props.log.length > 0 ? (
        <section>
          <h2>
            <Bi vi="Nhật ký đặt tên" en="Log of the naming" />
          </h2>
          <ol>
            {props.log.map((e) => (
              <li>
                {vnAt(e.at)} — {actorWords(e.actor.role).vi}: {auditWords(e.action, e.data).vi}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </StaffFrame>
  );
}
