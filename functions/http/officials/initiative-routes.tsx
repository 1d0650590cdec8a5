/**
 * The officials' pages of citizens' initiatives (../../core/initiatives.ts): the commune's list with the form that
 * records a proposal made on paper; one initiative with its count against 10 % of H, its consents by roll id, its own
 * log, the form that records the proposer's paper list, and putting it on the agenda (a draft round linked to it).
 * Each form calls one use case, then back to the page (303). `InitiativeFacts` is the monitors' page's too.
 */
import type { Context } from 'hono';
import { INITIATIVE_MATTERS, type InitiativeStanding } from '../../../shared/process/initiatives.ts';
import type { Consent } from '../../../shared/process/initiatives.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { MATTER_VI, vnAt } from '../../../web/format.ts';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { ConsentTable, INITIATIVE_STATUS_WORDS, InitiativeStandingView, initiativeStatus } from '../../../web/process/initiative-parts.tsx';
import { dayVi } from '../../../web/process/words.tsx';
import { listConsultationPage } from '../../core/consultations.ts';
import { filePaperList, initiativeOf, listInitiatives, PaperListBody, PaperProposalBody, putOnAgenda, recordPaperProposal } from '../../core/initiatives.ts';
import type { Principal } from '../../core/ports.ts';
import type { InitiativeRecord } from '../../core/store.ts';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { formBody } from './record-sent-routes.tsx';
import { officialOf } from './respond.tsx';

/** A paper list as typed, one household a line: its roll id, then the day it signed (yyyy-mm-dd), or the filing day. */
export function paperEntries(text: string, filedOn: string): { rollId: string; on: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [rollId = '', on] = l.split(/[\s,;]+/);
      return { rollId, on: on ?? filedOn };
    });
}

const ACTION_WORDS: Record<string, { vi: string; en: string }> = {
  initiative_proposed: { vi: 'Đề xuất sáng kiến', en: 'Proposed' },
  initiative_paper_list_filed: { vi: 'Ghi nhận danh sách giấy', en: 'Paper list recorded' },
  initiative_put_on_agenda: { vi: 'Đưa ra cộng đồng dân cư bàn', en: 'Put on the agenda' },
  initiative_front_decided: { vi: 'Ban công tác Mặt trận quyết định', en: 'Front working committee decided' },
};

export interface InitiativeView {
  record: InitiativeRecord;
  standing: InitiativeStanding;
  roll: string[];
  consents: Consent[];
  day: string;
  log: AuditEvent[];
}

/** An initiative as staff read it: the proposal, the count, the lists filed, the log, the consents by roll id. */
export function InitiativeFacts(props: { v: InitiativeView; staff: '/officials' | '/monitors' }) {
  const { record: r, standing, roll, consents, day, log } = props.v;
  return (
    <>
      <h1>
        <Bi vi={`Sáng kiến: ${r.title}`} en="Citizens' initiative" />
      </h1>
      <p>
        {r.hamlet} · {MATTER_VI[r.matter]} · <Bi vi={`đề xuất ngày ${dayVi(r.proposedOn)}`} en="proposed" />{' '}
        {r.proposer.kind === 'household' ? `(hộ ${r.proposer.rollId})` : `(${r.proposer.name}, trên giấy)`}
      </p>
      <p>{r.text}</p>
      <p>
        <a href={`/vote/initiatives/${r.id}`}>
          <Bi vi="Trang công khai" en="Public page" />
        </a>
        {r.agenda ? (
          <>
            {' · '}
            <a href={`${props.staff}/c/${r.agenda.consultationId}`} id="round">
              <Bi vi="Vòng lấy ý kiến (bản nháp)" en="The draft round" />
            </a>
          </>
        ) : null}
      </p>
      <InitiativeStandingView standing={standing} households={new Set(roll).size} day={day} />
      {r.front ? (
        <p id="front">
          <Bi
            vi={`Ban công tác Mặt trận ${r.front.approved ? 'tán thành' : 'không tán thành'} ngày ${dayVi(r.front.on)}${r.front.reason ? ` (${r.front.reason})` : ''}.`}
            en={r.front.approved ? 'Approved by the Front.' : 'Not approved by the Front.'}
          />
        </p>
      ) : null}
      <h2>
        <Bi vi="Nhật ký" en="Log" />
      </h2>
      <ol id="log">
        {log.map((e) => (
          <li>
            {vnAt(e.at)}: <Bi vi={ACTION_WORDS[e.action]?.vi ?? e.action} en={ACTION_WORDS[e.action]?.en ?? e.action} />
            {e.action === 'initiative_paper_list_filed' ? ` — ${String(e.data.list)}: ${(e.data.added as unknown[] | undefined)?.length ?? 0} hộ` : ''}
          </li>
        ))}
      </ol>
      <ConsentTable consents={consents} roll={roll} day={day} />
    </>
  );
}

function ListPage(props: { who: Principal; list: readonly InitiativeRecord[]; rounds: readonly { id: string; title: string; hamlet: string }[] }) {
  return (
    <StaffFrame role="official" title="Sáng kiến của công dân" who={officialOf(props.who)}>
      <h1>
        <Bi vi="Sáng kiến của công dân" en="Citizens' initiatives" />
      </h1>
      <ul id="initiatives">
        {props.list.map((r) => (
          <li>
            <a href={`/officials/initiatives/${r.id}`}>{r.title}</a> — {r.hamlet}
          </li>
        ))}
      </ul>
      <form method="post" action="/officials/initiatives" class="panel" id="create">
        <h2>
          <Bi vi="Ghi nhận sáng kiến đề xuất trên giấy" en="Record a proposal made on paper" />
        </h2>
        <label>
          <Bi vi="Vòng có danh sách hộ của thôn (số hộ H và mã của hộ)" en="The round holding the hamlet's roll" />
          <select name="rollFrom" required>
            {props.rounds.map((c) => (
              <option value={c.id}>
                {c.hamlet} — {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <Bi vi="Loại việc" en="Matter" />
          <select name="matter">
            {INITIATIVE_MATTERS.options.map((m) => (
              <option value={m}>{MATTER_VI[m]}</option>
            ))}
          </select>
        </label>
        <label>
          <Bi vi="Tên sáng kiến" en="Title" />
          <input type="text" name="title" maxlength={300} required />
        </label>
        <label>
          <Bi vi="Nội dung" en="Text" />
          <textarea name="text" rows={4} required></textarea>
        </label>
        <label>
          <Bi vi="Người đề xuất" en="Proposer" />
          <input type="text" name="proposer" maxlength={120} required />
        </label>
        <label>
          <Bi vi="Ngày đề xuất" en="Proposed on" />
          <input type="date" name="proposedOn" required />
        </label>
        <button type="submit">
          <Bi vi="Ghi nhận" en="Record" />
        </button>
      </form>
    </StaffFrame>
  );
}

function Acts(props: { v: InitiativeView; today: string }) {
  const r = props.v.record;
  if (r.agenda || r.front?.approved === false) return null;
  const base = `/officials/initiatives/${r.id}`;
  const canAgenda = props.v.standing.path !== 'front_may_approve';
  return (
    <section id="acts">
      {r.front ? null : (
        <form method="post" action={`${base}/paper-list`} class="panel" id="paper-list">
          <h2>
            <Bi vi="Ghi nhận danh sách đồng thuận trên giấy (người đề xuất nộp và chịu trách nhiệm)" en="Record the proposer's paper list" />
          </h2>
          <label>
            <Bi vi="Số danh sách" en="List number" />
            <input type="text" name="list" maxlength={40} required />
          </label>
          <label>
            <Bi vi="Người nộp" en="Filed by" />
            <input type="text" name="filedBy" maxlength={120} value={r.proposer.kind === 'paper' ? r.proposer.name : `Hộ ${r.proposer.rollId}`} required />
          </label>
          <label>
            <Bi vi="Ngày nộp" en="Filed on" />
            <input type="date" name="filedOn" value={props.today} required />
          </label>
          <label>
            <Bi vi="Số hộ, mỗi dòng một hộ, có thể kèm ngày ký (năm-tháng-ngày)" en="Roll ids, one a line, optionally with the day signed" />
            <textarea name="entries" rows={6} required></textarea>
          </label>
          <button type="submit">
            <Bi vi="Ghi nhận danh sách" en="Record the list" />
          </button>
        </form>
      )}
      {canAgenda ? (
        <form method="post" action={`${base}/agenda`} class="panel" id="agenda">
          <h2>
            <Bi vi="Đưa ra cộng đồng dân cư bàn và quyết định" en="Put it to the community" />
          </h2>
          <p>
            <Bi vi="Tạo bản nháp vòng lấy ý kiến gắn với sáng kiến này." en="Creates a draft round linked to this initiative." />
          </p>
          <button type="submit">
            <Bi vi="Đưa vào chương trình" en="Put on the agenda" />
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function initiativeRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const back = (c: Context<OfficialEnv>, id: string) => c.redirect(`/officials/initiatives/${id}`, 303);

  app.get('/officials/initiatives', async (c) => {
    const me = who(c);
    const [list, rounds] = await Promise.all([listInitiatives(core, me), listConsultationPage(core, me, { commune: me.commune, limit: 50 })]);
    const usable = rounds.items
      .filter((s) => s.scope.kind !== 'commune' && s.state !== 'draft' && s.state !== 'cancelled')
      .map((s) => ({ id: s.id, title: s.title, hamlet: s.scope.name }));
    return page(c, 200, <ListPage who={me} list={list} rounds={usable} />);
  });

  app.post('/officials/initiatives', formLimit, async (c) => {
    const f = await formFields(c);
    const fields = ['rollFrom', 'matter', 'title', 'text', 'proposer', 'proposedOn'] as const;
    const body = formBody(PaperProposalBody, Object.fromEntries(fields.map((k) => [k, f.get(k) ?? ''])));
    const record = await recordPaperProposal(core, who(c), body);
    return back(c, record.id);
  });

  app.get('/officials/initiatives/:iid', async (c) => {
    const v = await initiativeOf(core, who(c), c.req.param('iid'));
    const status = INITIATIVE_STATUS_WORDS[initiativeStatus(v.standing)];
    return page(
      c,
      200,
      <StaffFrame role="official" title={`Sáng kiến: ${v.record.title}`} who={officialOf(who(c))}>
        <p>
          <a href="/officials/initiatives">
            <Bi vi="Các sáng kiến" en="Initiatives" />
          </a>{' '}
          · <Bi vi={status.vi} en={status.en} />
        </p>
        <InitiativeFacts v={v} staff="/officials" />
        <Acts v={v} today={vietnamDate(core.clock.now())} />
      </StaffFrame>,
    );
  });

  app.post('/officials/initiatives/:iid/paper-list', formLimit, async (c) => {
    const id = c.req.param('iid');
    const f = await formFields(c);
    const filedOn = f.get('filedOn') ?? '';
    const body = formBody(PaperListBody, {
      list: f.get('list') ?? '',
      filedBy: f.get('filedBy') ?? '',
      filedOn,
      entries: paperEntries(f.get('entries') ?? '', filedOn),
    });
    await filePaperList(core, who(c), id, body);
    return back(c, id);
  });

  app.post('/officials/initiatives/:iid/agenda', formLimit, async (c) => {
    const id = c.req.param('iid');
    await putOnAgenda(core, who(c), id);
    return back(c, id);
  });
}
