/**
 * The residents' pages of a citizens' initiative (Law 10/2022 Art. 16(3)), Vietnamese first, English beside it under
 * `?lang=en`, plain HTML without script: the public page (`/vote/initiatives/{id}`: the proposal, the consents counted
 * by roll id against 10 % of H, the day the count drops, where it stands, and the form to consent with the household
 * code), and the form to propose a matter with a round's household code (`/vote/{id}/initiative`).
 */
import { PATH_WORDS } from '../../../shared/process/initiatives.ts';
import { INITIATIVE_MATTERS, type InitiativeStanding } from '../../../shared/process/initiatives.ts';
import type { Consent } from '../../../shared/process/initiatives.ts';
import { MATTER_VI } from '../../../web/format.ts';
import { En, viEn } from '../../../web/lang.tsx';
import { ConsentTable, InitiativeStandingView } from '../../../web/process/initiative-parts.tsx';
import { dayEn, dayVi } from '../../../web/process/words.tsx';
import { VoteFrame } from '../../../web/vote/frame.tsx';
import { type Lang, withLang } from '../../../web/vote/model.ts';
import type { InitiativeRecord } from '../../core/store.ts';

type Message = { vi: string; en: string };

function Notices(props: { sent?: Message | undefined; problem?: Message | undefined }) {
  return (
    <>
      {props.sent ? (
        <div class="panel panel-ok" role="status" id="sent">
          <p>
            {props.sent.vi} <En>{props.sent.en}</En>
          </p>
        </div>
      ) : null}
      {props.problem ? (
        <div class="panel panel-alert" role="alert" id="problem">
          <h2>
            Chưa ghi nhận <En>Not recorded</En>
          </h2>
          <p>
            {props.problem.vi} <En>{props.problem.en}</En>
          </p>
        </div>
      ) : null}
    </>
  );
}

function CodeField() {
  return (
    <label for="code">
      Mã của hộ (mã biểu quyết hoặc mã thảo luận của hộ trong thôn) <En>Household code (the household's voting or discussion code)</En>
      <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck={false} required maxlength={32} />
    </label>
  );
}

/** Where the initiative is: collecting, on the agenda with its round, or decided by the Front. */
function Decision(props: { record: InitiativeRecord }) {
  const r = props.record;
  if (r.agenda) {
    const w = PATH_WORDS[r.agenda.path];
    return (
      <p id="agenda">
        Ngày {dayVi(r.agenda.on)}: đã đưa ra để cộng đồng dân cư bàn và quyết định ({r.agenda.counted}/{r.agenda.households} hộ đồng thuận). {w.vi}{' '}
        <En>{`On ${dayEn(r.agenda.on)} it was put to the community (${r.agenda.counted} of ${r.agenda.households} households consenting). ${w.en}`}</En>
      </p>
    );
  }
  if (r.front) {
    return (
      <p id="front">
        Ngày {dayVi(r.front.on)}: Ban công tác Mặt trận {r.front.approved ? 'tán thành' : 'không tán thành'} sáng kiến
        {r.front.reason ? ` (${r.front.reason})` : ''}.{' '}
        <En>{`On ${dayEn(r.front.on)} the Front working committee ${r.front.approved ? 'approved' : 'did not approve'} the initiative.`}</En>
      </p>
    );
  }
  return null;
}

export interface InitiativePageInput {
  lang: Lang;
  record: InitiativeRecord;
  standing: InitiativeStanding;
  roll: readonly string[];
  consents: readonly Consent[];
  day: string;
  sent?: Message | undefined;
  problem?: Message | undefined;
}

/** The public page of one initiative, with the consent form while consents are collected online. */
export function InitiativePage(props: InitiativePageInput) {
  const r = props.record;
  const open = !r.agenda && !r.front;
  return (
    <VoteFrame lang={props.lang} title={`Sáng kiến: ${r.title}`}>
      <h1>
        Sáng kiến của công dân <En>Citizens' initiative</En>
      </h1>
      <p>
        <strong>{r.title}</strong>
      </p>
      <p>
        {r.hamlet} · {MATTER_VI[r.matter]} · đề xuất ngày {dayVi(r.proposedOn)}
        {r.proposer.kind === 'household' ? ` bởi hộ ${r.proposer.rollId}` : ' (đề xuất trên giấy)'}.{' '}
        <En>{`${r.hamlet}, proposed on ${dayEn(r.proposedOn)}${r.proposer.kind === 'household' ? ` by household ${r.proposer.rollId}` : ' on paper'}.`}</En>
      </p>
      <Notices sent={props.sent} problem={props.problem} />
      <p class="initiative-text">{r.text}</p>
      <InitiativeStandingView standing={props.standing} households={new Set(props.roll).size} day={props.day} />
      <Decision record={r} />
      {open && r.online ? (
        <form method="post" action={withLang(`/vote/initiatives/${r.id}/consent`, props.lang)} class="panel" id="consent">
          <h2>
            Hộ đồng thuận với sáng kiến <En>The household consents</En>
          </h2>
          <p>
            Mỗi hộ đồng thuận một lần; ý kiến có giá trị 03 tháng. Trang này chỉ hiện số hộ, không hiện tên.{' '}
            <En>One consent a household, counted for 3 months; only roll ids are shown, never names.</En>
          </p>
          <CodeField />
          {/* A muted English span has too little contrast on the button: the words as one text. */}
          <button type="submit">{viEn('Đồng thuận', 'Consent')}</button>
        </form>
      ) : null}
      {open && !r.online ? (
        <p id="paper-only">
          Nội dung này không được quyết định trực tuyến: hộ đồng thuận bằng cách ký vào danh sách giấy của người đề xuất.{' '}
          <En>This matter is not decided online: households consent on the proposer's paper list.</En>
        </p>
      ) : null}
      <ConsentTable consents={props.consents} roll={props.roll} day={props.day} />
    </VoteFrame>
  );
}

export interface ProposePageInput {
  lang: Lang;
  roundId: string;
  hamlet: string;
  problem?: Message | undefined;
  form?: { matter?: string; title?: string; text?: string } | undefined;
}

/** The form to propose a matter, signed with the household code of a round of the hamlet. */
export function ProposePage(props: ProposePageInput) {
  const f = props.form ?? {};
  return (
    <VoteFrame lang={props.lang} title="Đề xuất sáng kiến">
      <h1>
        Đề xuất sáng kiến của công dân <En>Propose a citizens' initiative</En>
      </h1>
      <p>
        {props.hamlet}. Khi được ít nhất 10% tổng số hộ gia đình đồng thuận trong 03 tháng, Trưởng thôn đưa ra cộng đồng dân cư bàn và quyết định (khoản 3 Điều
        16 Luật số 10/2022/QH15). <En>With at least 10 % of all households consenting within 3 months, the village head puts it to the community.</En>
      </p>
      <Notices problem={props.problem} />
      <form method="post" action={withLang(`/vote/${props.roundId}/initiative`, props.lang)} class="panel" id="propose">
        <label for="matter">
          Loại việc <En>Matter</En>
          <select id="matter" name="matter">
            {INITIATIVE_MATTERS.options.map((m) => (
              <option value={m} selected={(f.matter ?? 'other_self_managed') === m}>
                {MATTER_VI[m]}
              </option>
            ))}
          </select>
        </label>
        <label for="title">
          Tên sáng kiến <En>Title</En>
          <input id="title" name="title" type="text" required maxlength={300} value={f.title ?? ''} />
        </label>
        <label for="text">
          Nội dung <En>What it proposes</En>
          <textarea id="text" name="text" rows={6} required maxlength={5000}>
            {f.text ?? ''}
          </textarea>
        </label>
        <CodeField />
        <button type="submit">{viEn('Gửi đề xuất', 'Propose')}</button>
      </form>
    </VoteFrame>
  );
}
