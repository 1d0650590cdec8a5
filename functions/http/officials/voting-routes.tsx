/**
 * Voting: opening it (in more than one call for a large roll), paper ballot entry by the vote-counting committee, and
 * closing with the link to the result. The code slips are code-slip-routes.tsx. Each act is the API's use case.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { detailsOf } from '../../../shared/issue-words.ts';
import { OnlineCondition, OpenOverride } from '../../../shared/matters.ts';
import { Hex64, RollId } from '../../../shared/schemas.ts';
import { vnTime } from '../../../web/format.ts';
import { ConfirmPage, EarlyReasonField, PublishedPage } from '../../../web/officials/confirm-page.tsx';
import type { FieldProblem } from '../../../web/officials/model.ts';
import { PaperPage, type PaperPageInput } from '../../../web/officials/paper-page.tsx';
import { Bi, TurnoutTable } from '../../../web/officials/parts.tsx';
import { OpeningProgressPage, OpenPage } from '../../../web/officials/open-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { openingReadiness } from '../../core/read-model.ts';
import type { CloseRequester } from '../../core/ports.ts';
import { closeAndPublish, closesEarly } from '../../core/publishing.ts';
import { enterPaperBallot, householdStatus, openVoting, recordOnlineCondition, withdrawPaperBallot } from '../../core/voting.ts';
import { rollIdOf } from '../../core/paper.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { deadlineOf } from '../deadline.ts';
import { turnoutOf } from './consultation-routes.tsx';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { paperRefusal, readPaperForm } from './paper-input.ts';
import { meetingRoutes } from './meeting-routes.tsx';
import { minutesRoutes } from './minutes-routes.tsx';
import { officialOf } from './respond.tsx';
import { codeSlipRoutes } from './code-slip-routes.tsx';
import { slipRoutes } from './slip-routes.tsx';
import { sessionIdToken } from '../session.ts';

export { voteUrls } from './code-slip-routes.tsx';

export function votingRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  meetingRoutes(app, deps);
  minutesRoutes(app, deps);
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  app.get('/officials/c/:id/open', async (c) => {
    const { rec, allowed, reasons, check } = await openingReadiness(core, who(c), consultationId(c));
    const c0 = rec.consultation;
    const before = !reasons.includes('not_before_voting');
    const missing = check?.missingConditions ?? [];
    // A round that waits only for its conditions is a normal step: the page holds their forms (200), not a refusal.
    const waiting = before && missing.length > 0;
    return page(
      c,
      allowed || waiting ? 200 : 409,
      <OpenPage
        official={officialOf(who(c))!}
        consultation={c0}
        rollCount={rec.rollCount}
        allowed={allowed}
        before={before}
        missing={missing}
        check={check}
        disclosureDays={check?.days ?? 0}
      />,
    );
  });

  app.post('/officials/c/:id/open', formLimit, async (c) => {
    const id = consultationId(c);
    const reason = ((await formFields(c)).get('reason') ?? '').normalize('NFC').trim();
    const override = OpenOverride.safeParse({ reason });
    if (reason && !override.success)
      throw new DomainError('invalid_request', 'the reason must be 10 to 500 characters', [{ path: 'reason', message: '10 to 500 characters' }]);
    const opened = await openVoting(core, who(c), id, { ...(override.success ? { override: override.data } : {}), deadline: deadlineOf(c) });
    if (opened.state === 'opening')
      return page(c, 202, <OpeningProgressPage official={officialOf(who(c))!} consultation={opened.consultation} progress={opened.progress} reason={reason} />);
    // Decree 59/2023 Art. 3, 4: a meeting has no slips to print before it; a household ballot prints its serials; an
    // online round its code slips. Both are pages of their own, shown again on a reload (code-slips.ts).
    if (opened.method === 'meeting') return c.redirect(`/officials/c/${id}/meeting`, 303);
    if (opened.method === 'household_ballot') return c.redirect(`/officials/c/${id}/slips?page=1&opened=1`, 303);
    return c.redirect(`/officials/c/${id}/codes?page=1`, 303);
  });

  codeSlipRoutes(app, deps);
  slipRoutes(app, deps);
  paperRoutes(app, deps);
  closeRoutes(app, deps);
  conditionRoutes(app, deps);
}

function paperRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const paperPage = async (
    c: Context<OfficialEnv>,
    status: number,
    id: string,
    more: {
      entered: number;
      last?: PaperPageInput['last'];
      values?: { household: string; answers: Record<string, string> };
      problems?: FieldProblem[];
      warning?: PaperPageInput['warning'];
      undone?: PaperPageInput['undone'];
    },
  ) => {
    // Read after the entry, so the running count includes it.
    const { rec } = await loadForOfficial(core, who(c), id, true);
    return page(c, status, <PaperPage official={officialOf(who(c))!} consultation={rec.consultation} turnout={turnoutOf(rec)} {...more} />);
  };

  app.get('/officials/c/:id/paper', async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
    return paperPage(c, 200, id, { entered: 0 });
  });

  app.post('/officials/c/:id/paper', formLimit, async (c) => {
    const id = consultationId(c);
    const fields = await formFields(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    const input = readPaperForm(rec.consultation.questions, fields);
    const again = (status: number, problems: FieldProblem[]) => paperPage(c, status, id, { entered: input.entered, values: input.values, problems });
    if (!input.ballot) return again(400, input.problems);
    let outcome: Awaited<ReturnType<typeof enterPaperBallot>>;
    let household: string;
    try {
      // The roll's own spelling of the typed roll id (case and spaces ignored); the entry is recorded under it.
      household = await rollIdOf(core, who(c), id, input.ballot.household);
      // Confirmed only for the household the warning was about (a changed roll id is asked about again).
      const confirmed = fields.get('confirm') === '1' && fields.get('confirmFor') === household;
      if (!confirmed) {
        const status = await householdStatus(core, who(c), id, household);
        if (status.voted)
          return paperPage(c, 200, id, {
            entered: input.entered,
            values: input.values,
            warning: { household, channel: status.channel },
          });
      }
      outcome = await enterPaperBallot(core, who(c), id, { ...input.ballot, household });
    } catch (err) {
      // Any refusal the committee can act on shows the form again with everything typed, and what to do.
      const refusal = paperRefusal(err, rec.consultation.opensAt);
      if (!refusal) throw err;
      return again(refusal.status, refusal.problems);
    }
    return paperPage(c, 200, id, {
      entered: input.entered + 1,
      last: { household, receipt: outcome.receipt, replaced: outcome.replaced, answers: input.ballot.answers, channel: 'paper' },
    });
  });

  /** Undoes the last entry: the paper ballot is withdrawn and the household's earlier ballot (if any) counts again. */
  app.post('/officials/c/:id/paper/undo', formLimit, async (c) => {
    const id = consultationId(c);
    const fields = await formFields(c);
    await loadForOfficial(core, who(c), id);
    const household = (fields.get('household') ?? '').normalize('NFKC').trim();
    const receipt = (fields.get('receipt') ?? '').trim();
    const entered = Math.max(0, Math.min(1_000_000, Number.parseInt(fields.get('entered') ?? '0', 10) || 0));
    if (!RollId.safeParse(household).success || !Hex64.safeParse(receipt).success)
      throw new DomainError('invalid_request', 'the entry to undo is not named correctly');
    try {
      const { restored } = await withdrawPaperBallot(core, who(c), id, household, receipt);
      const now = await householdStatus(core, who(c), id, household);
      return paperPage(c, 200, id, { entered: Math.max(0, entered - 1), undone: { household, restored, channel: now.channel } });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'busy') {
        return paperPage(c, 409, id, {
          entered,
          problems: [
            {
              field: '',
              vi: 'Không hoàn tác được: phiếu này không còn là phiếu hiện tại của hộ (đã có phiếu khác).',
              en: "Not undone: this entry is no longer the household's current ballot.",
            },
          ],
        });
      }
      throw err;
    }
  });
}

function closeRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const closer: CloseRequester = deps.closeRequester ?? { close: (official, _idToken, id, options) => closeAndPublish(core, official, id, 'manual', options) };
  /** The confirmation; before the planned close it asks why (a reason, published with the result). */
  const closePage = async (c: Context<OfficialEnv>, shown: { status?: number; reason?: string; problem?: boolean } = {}) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c), true);
    const c0 = rec.consultation;
    const allowed = rec.state === 'voting' || rec.state === 'closed';
    const early = rec.state === 'voting' && closesEarly(c0.closesAt, core.clock.now());
    return page(
      c,
      shown.status ?? (allowed ? 200 : 409),
      <ConfirmPage
        official={officialOf(who(c))!}
        consultation={c0}
        title={{ vi: 'Kết thúc biểu quyết và công bố kết quả?', en: 'Close voting and publish the result?' }}
        action={`/officials/c/${c0.id}/close`}
        button={{ vi: 'Kết thúc ngay và công bố', en: 'Close now and publish' }}
        danger
        allowed={allowed}
        fields={early ? <EarlyReasonField value={shown.reason ?? ''} problem={shown.problem ?? false} /> : undefined}
      >
        {allowed ? (
          <>
            {early ? (
              <p class="panel panel-alert" id="early-close">
                <Bi
                  vi={`Chưa đến thời gian kết thúc dự kiến (${vnTime(c0.closesAt)}). Kết thúc sớm phải ghi lý do; lý do được ghi vào nhật ký và công bố cùng kết quả.`}
                  en={`The planned close (${vnTime(c0.closesAt)}) has not come. Closing early needs a reason; it is logged and published with the result.`}
                />
              </p>
            ) : null}
            <p class="panel panel-warn">
              <Bi
                vi={`Không nhận thêm phiếu nào (kể cả phiếu giấy). Kết quả được kiểm, ký số và công bố trên trang web; không thể hoàn tác. Thời gian kết thúc dự kiến: ${vnTime(c0.closesAt)}.`}
                en={`No more ballots (paper ones included). The result is counted, signed and published; this cannot be undone. Planned close: ${vnTime(c0.closesAt)}.`}
              />
            </p>
            <TurnoutTable turnout={turnoutOf(rec)} />
          </>
        ) : (
          <p class="panel panel-alert">
            <Bi vi="Chỉ kết thúc được khi đang biểu quyết." en="Only a vote in progress can be closed." />
          </p>
        )}
      </ConfirmPage>,
    );
  };

  app.get('/officials/c/:id/close', (c) => closePage(c));

  app.post('/officials/c/:id/close', formLimit, async (c) => {
    const id = consultationId(c);
    // 401/403/404 here, before anything is invoked (as the API).
    const { rec, official } = await loadForOfficial(core, who(c), id);
    const reason = (await formFields(c)).get('reason') ?? '';
    let closed: Awaited<ReturnType<CloseRequester['close']>>;
    try {
      closed = await closer.close(official, sessionIdToken(c), id, { ...(reason.trim() ? { earlyReason: reason } : {}), requireEarlyReason: true });
    } catch (err) {
      // A missing or unfit reason for an early close (the one request a close can refuse, also from the closer
      // function, which relays no details): the same confirmation again, the reason kept, the problem said.
      if (err instanceof DomainError && err.code === 'invalid_request') return closePage(c, { status: 400, reason, problem: true });
      throw err;
    }
    return page(c, 200, <PublishedPage official={officialOf(official)!} consultation={rec.consultation} resultUrl={closed.result} />);
  });
}

/**
 * One condition as its form sends it: a team's members one a line ("name, role"), the poll's count as a number, the
 * plan's two dates (issued, sent).
 */
function conditionFromForm(fields: URLSearchParams): Record<string, unknown> {
  const text = (k: string) => (fields.get(k) ?? '').normalize('NFC').trim();
  const condition = fields.get('condition');
  const dated = { ...(text('date') ? { date: text('date') } : {}), ...(text('reference') ? { reference: text('reference') } : {}) };
  if (condition === 'team' || condition === 'ballot_team') {
    const members = text('members')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [name = '', ...role] = line.split(',');
        return { name: name.trim(), role: role.join(',').trim() };
      });
    return { condition, members, leader: text('leader'), ...dated };
  }
  if (condition === 'ballot_plan') return { condition, issued: text('issued'), sent: text('sent'), reference: text('reference') };
  if (condition === 'poll') return { condition, agreed: /^\d{1,6}$/.test(text('agreed')) ? Number(text('agreed')) : undefined, ...dated };
  return { condition, ...dated };
}

/** Recording the conditions before opening (Decree 59/2023 Art. 5 online, Art. 4 household ballot), from the opening page. */
function conditionRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  app.post('/officials/c/:id/conditions', formLimit, async (c) => {
    const id = consultationId(c);
    const fields = await formFields(c);
    const parsed = OnlineCondition.safeParse(conditionFromForm(fields));
    if (!parsed.success) throw new DomainError('invalid_request', 'the condition is not complete', detailsOf(parsed.error));
    await recordOnlineCondition(core, who(c), id, parsed.data);
    return c.redirect(`/officials/c/${id}/open`, 303);
  });
}
