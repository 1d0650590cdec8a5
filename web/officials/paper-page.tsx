/**
 * Paper ballot entry for the vote-counting committee, made for the keyboard: the roll id has the focus (case does not
 * matter), each answer is one short key (1/Đ, 2/K, 0/Y or an option's number, the words shown beside them), Tab moves
 * on and Enter records. The page after each entry repeats what was recorded (household, each answer in words, channel,
 * tracking code), warns when it replaced an earlier ballot of the household, offers to undo it, and keeps the running
 * count. Before entering a ballot for a household that already voted, the form asks once more (Enter again
 * confirms); a refusal shows the form again with everything typed.
 */
import type { Answers, Channel, Consultation, Question } from '../../shared/schemas.ts';
import { trackingCode } from '../vote/model.ts';
import { OfficialFrame } from './frame.tsx';
import { answerKeys, fieldId, paperField, type FieldProblem, type Official, type PaperEntry, type Turnout } from './model.ts';
import { Bi, described, ErrorSummary, FieldError, TurnoutTable } from './parts.tsx';
import { En } from '../lang.tsx';

export interface PaperPageInput {
  official: Official;
  consultation: Consultation;
  turnout: Turnout;
  /** Ballots entered from this form since it was first opened (carried by the form itself). */
  entered: number;
  last?: RecordedEntry | undefined;
  /** What was typed, shown again when something must be fixed. */
  values?: { household: string; answers: Record<string, string> } | undefined;
  problems?: readonly FieldProblem[] | undefined;
  /** Set when the typed household already voted: the form asks for a confirmation (a hidden confirm=1). */
  warning?: { household: string; channel?: Channel | undefined } | undefined;
  /** Set after the last entry was undone: the household's state now. */
  undone?: { household: string; restored: boolean; channel?: Channel | undefined } | undefined;
}

/** An entry just recorded, with what it recorded, repeated to the committee. */
export interface RecordedEntry extends PaperEntry {
  answers?: Answers | undefined;
  channel?: Channel | undefined;
}

const channelName: Record<Channel, { vi: string; en: string }> = {
  online: { vi: 'trực tuyến', en: 'online' },
  paper: { vi: 'phiếu giấy', en: 'paper' },
  meeting: { vi: 'tại cuộc họp', en: 'at the meeting' },
};

/** The keys of a question and their words, as the hint under it shows them: `1/Đ = Đồng ý · 2/K = Không đồng ý`. */
function keysInWords(q: Question): string {
  return answerKeys(q)
    .map((k) => `${k.key}${k.letter ? `/${k.letter}` : ''} = ${k.label}`)
    .join(' · ');
}

/** A recorded answer in the words of the keys: the option's label, «Ý kiến khác», or no option chosen. */
function answerInWords(q: Question, answer: Answers[string] | undefined): string {
  const keys = answerKeys(q);
  const words = (value: string) => keys.find((k) => k.value === value)?.label ?? value;
  if (answer === undefined) return '—';
  if (!Array.isArray(answer)) return words(answer);
  return answer.length === 0 ? words('abstain') : answer.map(words).join(', ');
}

/** What a ballot or slip recorded, question by question, to be read back against the paper. */
export function RecordedAnswers(props: { consultation: Consultation; answers: Answers }) {
  return (
    <dl class="answers" id="recorded-answers">
      {props.consultation.questions.map((q, i) => (
        <>
          <dt>
            Câu {i + 1}. {q.text}
          </dt>
          <dd>{answerInWords(q, props.answers[q.id])}</dd>
        </>
      ))}
    </dl>
  );
}

export function PaperPage(props: PaperPageInput) {
  const c = props.consultation;
  const problems = props.problems ?? [];
  const values = props.values ?? { household: '', answers: {} };
  const meeting = c.method === 'meeting';
  // The focus goes where typing continues: the first field to fix, or the roll id of the next ballot.
  // After a warning, the Record button: Enter confirms.
  const focus = props.warning && problems.length === 0 ? 'confirm' : problems[0]?.field || 'household';
  const label = (field: string) => {
    if (field === 'household') return 'Mã hộ';
    const i = c.questions.findIndex((q) => paperField(q.id) === field);
    return i >= 0 ? `Câu ${i + 1}` : field;
  };
  const title = meeting ? 'Nhập phiếu bầu tại cuộc họp' : 'Nhập phiếu giấy';
  return (
    <OfficialFrame title={`${title} — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi={title} en={meeting ? 'Enter meeting ballots' : 'Enter paper ballots'} />
      </h1>
      {props.last ? (
        <div class="panel panel-ok" role="status" id="last">
          <p class="big">
            <Bi vi={`Đã ghi phiếu của hộ ${props.last.household}.`} en={`Recorded the ballot of household ${props.last.household}.`} />
          </p>
          {props.last.channel ? (
            <p>
              <Bi vi={`Hình thức: ${channelName[props.last.channel].vi}.`} en={`Channel: ${channelName[props.last.channel].en}.`} />
            </p>
          ) : null}
          {props.last.answers ? <RecordedAnswers consultation={c} answers={props.last.answers} /> : null}
          <p>
            <Bi vi="Mã theo dõi (ghi lên phiếu giấy):" en="Tracking code (write it on the paper slip):" />{' '}
            <strong class="mono big">{trackingCode(props.last.receipt)}</strong>
          </p>
          {props.last.replaced ? (
            <p class="panel panel-warn" id="replaced">
              <strong>
                <Bi
                  vi="Hộ này đã bỏ phiếu trước đó; phiếu mới thay thế phiếu cũ."
                  en="This household had already voted; the new ballot replaces the earlier one."
                />
              </strong>
            </p>
          ) : null}
          <form method="post" action={`/officials/c/${c.id}/paper/undo`} id="undo">
            <input type="hidden" name="entered" value={String(props.entered)} />
            <input type="hidden" name="household" value={props.last.household} />
            <input type="hidden" name="receipt" value={props.last.receipt} />
            <button type="submit" class="secondary">
              Hoàn tác phiếu vừa nhập <En bare>Undo the last entry</En>
            </button>
          </form>
        </div>
      ) : null}
      {props.undone ? (
        <div class="panel panel-ok" role="status" id="undone">
          <p class="big">
            <Bi vi={`Đã hoàn tác phiếu vừa nhập của hộ ${props.undone.household}.`} en={`Undid the last entry for household ${props.undone.household}.`} />
          </p>
          <p>
            {props.undone.restored ? (
              <Bi
                vi={`Phiếu trước đó của hộ (${channelName[props.undone.channel ?? 'online'].vi}) được tính lại.`}
                en={`The household's earlier ballot (${channelName[props.undone.channel ?? 'online'].en}) counts again.`}
              />
            ) : (
              <Bi vi="Hộ này hiện chưa biểu quyết." en="This household has not voted now." />
            )}
          </p>
        </div>
      ) : null}
      {props.warning ? (
        <p class="panel panel-warn" role="alert" id="already-voted">
          <strong>
            <Bi
              vi={`Hộ ${props.warning.household} đã biểu quyết${props.warning.channel ? ` (${channelName[props.warning.channel].vi})` : ''}. Phiếu giấy sẽ thay thế phiếu trước. Nhấn Enter lần nữa để xác nhận.`}
              en={`Household ${props.warning.household} already voted${props.warning.channel ? ` (${channelName[props.warning.channel].en})` : ''}. The paper ballot will replace the earlier one. Press Enter again to confirm.`}
            />
          </strong>
        </p>
      ) : null}
      <ErrorSummary problems={problems} label={label} />
      <form method="post" action={`/officials/c/${c.id}/paper`} autocomplete="off">
        <input type="hidden" name="entered" value={String(props.entered)} />
        {props.warning ? (
          <>
            <input type="hidden" name="confirm" value="1" />
            <input type="hidden" name="confirmFor" value={props.warning.household} />
          </>
        ) : null}
        <label class="field" for={fieldId('household')}>
          <Bi vi="Mã hộ" en="Roll id" />
        </label>
        <p class="hint" id="hint-household">
          <Bi vi="Như in trên phiếu; chữ hoa hay chữ thường đều được." en="As printed on the slip; capitals or not does not matter." />
        </p>
        <FieldError name="household" problems={problems} />
        <input
          type="text"
          class="entry"
          {...described('household', problems, 'hint-household')}
          value={values.household}
          required
          maxlength={32}
          autofocus={focus === 'household'}
          spellcheck={false}
        />
        {c.questions.map((q, i) => {
          const name = paperField(q.id);
          const hint = `hint-${fieldId(name)}`;
          return (
            <>
              <label class="field" for={fieldId(name)}>
                {i + 1}. {q.text}
              </label>
              <p class="hint keys" id={hint}>
                {keysInWords(q)}
                {q.type === 'approval' ? ` (chọn tối đa ${q.max}: gõ liền các số, ví dụ 13)` : ''}
              </p>
              <FieldError name={name} problems={problems} />
              <input
                type="text"
                class="entry short"
                {...described(name, problems, hint)}
                value={values.answers[q.id] ?? ''}
                required
                maxlength={q.type === 'approval' ? 200 : 40}
                autocapitalize="characters"
                autofocus={focus === name}
                spellcheck={false}
              />
            </>
          );
        })}
        <p>
          <button type="submit" autofocus={focus === 'confirm'}>
            Ghi phiếu (Enter) <En bare>Record</En>
          </button>
        </p>
      </form>
      <section aria-labelledby="count">
        <h2 id="count">
          <Bi vi="Số phiếu" en="Running count" />
        </h2>
        <p>
          <Bi vi={`Đã nhập ở màn hình này: ${props.entered} phiếu.`} en={`Entered on this screen: ${props.entered}.`} />
        </p>
        <TurnoutTable turnout={props.turnout} />
      </section>
    </OfficialFrame>
  );
}

export interface SlipEntryPageInput {
  official: Official;
  consultation: Consultation;
  /** Slips issued (household ballots), households ticked off as returned, slips entered. */
  counts: { issued: number; returned: number; entered: number };
  /** At a meeting: the households present, the most slips it may take. */
  present?: number | undefined;
  last?: { serial: string; receipt: string; answers?: Answers | undefined } | { returned: string } | undefined;
  values?: { serial: string; answers: Record<string, string> } | undefined;
  /** The roll id typed in the return form, shown again when it was refused. */
  returning?: string | undefined;
  problems?: readonly FieldProblem[] | undefined;
}

/**
 * Paper slips entered by their serial, never by household (Decree 59/2023 Art. 3(5)(c), 4(6)), and, for a household
 * ballot, the households ticked off as their slip comes back; the counts the close must reconcile stay in sight.
 */
export function SlipEntryPage(props: SlipEntryPageInput) {
  const c = props.consultation;
  const problems = props.problems ?? [];
  const values = props.values ?? { serial: '', answers: {} };
  const meeting = c.method === 'meeting';
  const { issued, returned, entered } = props.counts;
  const focus = problems[0]?.field || 'serial';
  const label = (field: string) => {
    if (field === 'serial') return 'Số phiếu';
    if (field === 'household') return 'Số hộ';
    const i = c.questions.findIndex((q) => paperField(q.id) === field);
    return i >= 0 ? `Câu ${i + 1}` : field;
  };
  const reconciled = meeting ? entered <= (props.present ?? 0) : entered === returned;
  return (
    <OfficialFrame title={`Nhập phiếu theo số phiếu — ${c.title}`} official={props.official}>
      <p>
        <a href={`/officials/c/${c.id}`}>← {c.title}</a>
      </p>
      <h1>
        <Bi vi={meeting ? 'Nhập phiếu kín theo số phiếu' : 'Nhập phiếu lấy ý kiến theo số phiếu'} en="Enter slips by serial" />
      </h1>
      <div class={`panel ${reconciled ? 'panel-ok' : 'panel-warn'}`} role="status" id="slip-counts">
        {meeting ? (
          <p class="big">
            <Bi vi={`Đã nhập ${entered} phiếu / ${props.present ?? 0} hộ có mặt`} en={`${entered} slips entered / ${props.present ?? 0} households present`} />
          </p>
        ) : (
          <>
            <p class="big">
              <Bi vi={`Hộ đã nộp phiếu: ${returned} · Phiếu đã nhập: ${entered}`} en={`Returned: ${returned} · Entered: ${entered}`} />
            </p>
            <p>
              <Bi
                vi={`Đã phát ${issued} phiếu. Chỉ kết thúc được khi số phiếu đã nhập bằng số hộ đã nộp phiếu.`}
                en={`${issued} slips issued. Closing needs as many slips entered as households ticked off.`}
              />
            </p>
          </>
        )}
      </div>
      {props.last ? (
        <div class="panel panel-ok" role="status" id="last">
          {'serial' in props.last ? (
            <>
              <p>
                <Bi
                  vi={`Đã ghi phiếu số ${props.last.serial} (phiếu giấy). Mã theo dõi: ${trackingCode(props.last.receipt)}.`}
                  en={`Slip ${props.last.serial} recorded (paper). Tracking code: ${trackingCode(props.last.receipt)}.`}
                />
              </p>
              {props.last.answers ? <RecordedAnswers consultation={c} answers={props.last.answers} /> : null}
            </>
          ) : (
            <p>
              <Bi vi={`Đã đánh dấu hộ ${props.last.returned} nộp phiếu.`} en={`Household ${props.last.returned} ticked off.`} />
            </p>
          )}
        </div>
      ) : null}
      <ErrorSummary problems={problems} label={label} />
      <form method="post" action={`/officials/c/${c.id}/paper/slip`} autocomplete="off">
        <label class="field" for={fieldId('serial')}>
          <Bi vi="Số phiếu (in trên phiếu)" en="Serial (printed on the slip)" />
        </label>
        <FieldError name="serial" problems={problems} />
        <input
          type="text"
          class="entry"
          {...described('serial', problems)}
          value={values.serial}
          required
          maxlength={32}
          autofocus={focus === 'serial'}
          spellcheck={false}
        />
        {c.questions.map((q, i) => {
          const name = paperField(q.id);
          const hint = `hint-${fieldId(name)}`;
          return (
            <>
              <label class="field" for={fieldId(name)}>
                {i + 1}. {q.text}
              </label>
              <p class="hint keys" id={hint}>
                {keysInWords(q)}
              </p>
              <FieldError name={name} problems={problems} />
              <input
                type="text"
                class="entry short"
                {...described(name, problems, hint)}
                value={values.answers[q.id] ?? ''}
                required
                maxlength={q.type === 'approval' ? 200 : 40}
                autofocus={focus === name}
                spellcheck={false}
              />
            </>
          );
        })}
        <p>
          <button type="submit">
            Ghi phiếu (Enter) <En bare>Record</En>
          </button>
        </p>
      </form>
      {meeting ? null : (
        <form method="post" action={`/officials/c/${c.id}/paper/return`} autocomplete="off">
          <h2>
            <Bi vi="Đánh dấu hộ đã nộp phiếu" en="Tick off a returned slip" />
          </h2>
          <label class="field" for={fieldId('household')}>
            <Bi vi="Mã hộ" en="Roll id" />
          </label>
          <FieldError name="household" problems={problems} />
          <input
            type="text"
            class="entry"
            {...described('household', problems)}
            value={props.returning ?? ''}
            required
            maxlength={32}
            autofocus={focus === 'household'}
            spellcheck={false}
          />
          <p>
            <button type="submit">
              Đánh dấu đã nộp <En bare>Tick off</En>
            </button>
          </p>
        </form>
      )}
    </OfficialFrame>
  );
}
