/**
 * The round's second language, supplied by the commune: what is recorded (language, file, hash, and whether it still
 * matches the draft's questions), the upload form while the round is a draft (JSON or CSV, no script), the file's
 * skeleton for this round, and each problem of a refused file in Vietnamese (`Dòng N` for a CSV line).
 */
import type { Consultation, State } from '../../shared/schemas.ts';
import { type SuppliedTranslation, TRANSLATION_FORMAT } from '../../shared/translations.ts';
import { En, showsEnglish } from '../lang.tsx';
import { OfficialFrame } from './frame.tsx';
import type { Official } from './model.ts';
import { Bi, SubpageHead } from './parts.tsx';

export interface TranslationPageInput {
  official: Official;
  consultation: Consultation;
  state: State;
  /** The site URL of `c/<id>/`, where the files are published. */
  siteBase: string;
  current?: SuppliedTranslation | undefined;
  stale?: SuppliedTranslation | undefined;
  done?: string | undefined;
  /** A refused file: the general message, and each problem in Vietnamese (and the English, shown with it). */
  problem?: { vi: string; en: string; details: readonly string[]; reasons?: readonly string[] } | undefined;
}

const DONE: Record<string, readonly [string, string]> = {
  supplied: ['Đã nhận bản dịch; bản dịch sẽ được công khai cùng vòng biểu quyết.', 'The translation was recorded; it is disclosed with the round.'],
  removed: ['Đã gỡ bản dịch.', 'The translation was removed.'],
};

/** The CSV skeleton of this round: every key the file must give, the text column left for the commune to fill in. */
export function csvSkeleton(c: Pick<Consultation, 'id' | 'questions'>): string {
  const rows = ['khóa,nội dung', `consultationId,${c.id}`, 'language.tag,', 'language.name,', 'title,', 'description,'];
  for (const q of c.questions) {
    rows.push(`question.${q.id},`);
    for (const o of q.options) rows.push(`option.${q.id}.${o.id},`);
  }
  return `${rows.join('\n')}\n`;
}

function Recorded(props: { s: SuppliedTranslation; siteBase: string; stale: boolean }) {
  const { s } = props;
  return (
    <div class={props.stale ? 'panel panel-warn' : 'panel'}>
      <p>
        <Bi vi="Ngôn ngữ:" en="Language:" /> <strong lang={s.translation.language.tag}>{s.translation.language.name}</strong> (
        <code>{s.translation.language.tag}</code>) · <a href={`${props.siteBase}${s.file}`}>{s.file}</a> · SHA-256 <code>{s.sha256}</code>
      </p>
      {props.stale ? (
        <p role="alert">
          <Bi
            vi="Câu hỏi hoặc phương án của dự thảo đã thay đổi sau khi nộp bản dịch: bản dịch này không được hiển thị. Hãy nộp lại tệp khớp với dự thảo."
            en="The draft's questions or options changed after the translation was supplied: it is not shown. Upload a file that matches the draft."
          />
        </p>
      ) : null}
    </div>
  );
}

function Problems(props: { problem: NonNullable<TranslationPageInput['problem']> }) {
  const p = props.problem;
  return (
    <div class="panel panel-alert" role="alert" id="problems">
      <h2>
        <Bi vi="Chưa nhận bản dịch" en="Translation not recorded" />
      </h2>
      <p>
        <Bi vi={p.vi} en={p.en} />
      </p>
      {p.details.length > 0 ? (
        <ul>
          {p.details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      ) : null}
      {showsEnglish() && p.reasons && p.reasons.length > 0 ? (
        <ul lang="en">
          {p.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UploadForm(props: { c: Consultation; base: string; hasOne: boolean }) {
  return (
    <form method="post" action={props.base} enctype="multipart/form-data">
      <h2>
        <Bi vi="Nộp tệp bản dịch" en="Upload a translation file" />
      </h2>
      <p id="translation-hint">
        <Bi
          vi={`Tệp JSON (định dạng "${TRANSLATION_FORMAT}") hoặc CSV (hai cột “khóa,nội dung”), mã hóa UTF-8, tối đa 256 KB. Mỗi câu hỏi và mỗi phương án của vòng biểu quyết phải có đúng một bản dịch, theo mã của nó. Có thể thêm dòng notice.<loại> (ví dụ notice.meeting_invitation) để gửi bản dịch sau thông báo tiếng Việt. Hệ thống không tự dịch; xã chịu trách nhiệm về bản dịch.${props.hasOne ? ' Tệp mới thay thế bản dịch đã nộp.' : ''}`}
          en={`A JSON file (format "${TRANSLATION_FORMAT}") or a CSV (two columns "key,text"), UTF-8, at most 256 KB. Each question and each option of the round needs exactly one translation, by its id. notice.<kind> rows (e.g. notice.meeting_invitation) add a translation after the Vietnamese notice. The system never translates; the commune answers for its translation.${props.hasOne ? ' A new file replaces the one supplied.' : ''}`}
        />
      </p>
      <label class="field" for="translation-file">
        <Bi vi="Tệp bản dịch" en="Translation file" />
      </label>
      <input type="file" id="translation-file" name="file" required accept=".json,.csv,application/json,text/csv" aria-describedby="translation-hint" />
      <p>
        <button type="submit">
          Nộp bản dịch <En bare>Upload</En>
        </button>
      </p>
      <details>
        <summary>
          <Bi vi="Khung tệp CSV của vòng này" en="This round's CSV skeleton" />
        </summary>
        <pre>{csvSkeleton(props.c)}</pre>
      </details>
    </form>
  );
}

export function TranslationPage(props: TranslationPageInput) {
  const c = props.consultation;
  const base = `/officials/c/${c.id}/translation`;
  const draft = props.state === 'draft';
  const recorded = props.current ?? props.stale;
  const done = props.done ? DONE[props.done] : undefined;
  return (
    <OfficialFrame title={`Bản dịch — ${c.title}`} official={props.official}>
      <SubpageHead
        consultation={c}
        state={props.state}
        title={{ vi: 'Ngôn ngữ thứ hai (bản dịch của xã)', en: 'Second language (the commune’s translation)' }}
        done={done}
      />
      {props.problem ? <Problems problem={props.problem} /> : null}
      {recorded ? (
        <Recorded s={recorded} siteBase={props.siteBase} stale={props.current === undefined} />
      ) : (
        <p>
          <Bi
            vi="Chưa có bản dịch: các trang chỉ có tiếng Việt (và tiếng Anh như hiện nay)."
            en="No translation: the pages stay in Vietnamese (and English, as today)."
          />
        </p>
      )}
      {!draft ? (
        <p class="panel panel-warn">
          <Bi vi="Vòng biểu quyết đã công khai: bản dịch không thể thay đổi." en="The round has been disclosed: the translation cannot change." />
        </p>
      ) : (
        <>
          <UploadForm c={c} base={base} hasOne={recorded !== undefined} />
          {recorded ? (
            <form method="post" action={`${base}/remove`}>
              <button type="submit" class="secondary">
                Gỡ bản dịch <En bare>Remove the translation</En>
              </button>
            </form>
          ) : null}
        </>
      )}
    </OfficialFrame>
  );
}
