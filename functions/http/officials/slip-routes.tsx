/**
 * Paper slips by serial on the officials' pages: printing the slips of a household-ballot round (from the serials,
 * again at any time), entering a slip by its serial, ticking off a household whose slip came back. A mistake the team
 * can fix (a serial never issued or already entered, a household not on the roll or already ticked) shows the page
 * again with the reason and everything typed (roll ids and serials with case ignored); every act is the API's use case.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { RollId } from '../../../shared/schemas.ts';
import type { FieldProblem } from '../../../web/officials/model.ts';
import { SlipEntryPage, type SlipEntryPageInput } from '../../../web/officials/paper-page.tsx';
import { PaperSlipsPage } from '../../../web/officials/slips-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { SLIPS_PER_PAGE } from '../../core/code-slips.ts';
import { suppliedTranslation } from '../../core/translations.ts';
import { meetingStatus } from '../../core/meeting.ts';
import { enterSlip, issuedSerials, rollIdOf, slipCounts, tickReturn } from '../../core/paper.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { pageQuery } from './page-query.ts';
import { paperRefusal, readSlipForm } from './paper-input.ts';
import { officialOf } from './respond.tsx';

/** Whether a round's paper is entered by serial (a household ballot, a meeting's secret ballot). */
export const bySerial = (method: string) => method === 'household_ballot' || method === 'meeting';

/** The problem a refused entry or return shows on its field, if the team can fix it. */
function problemOf(err: unknown, opensAt: string): { status: number; problems: FieldProblem[] } | undefined {
  if (!(err instanceof DomainError)) return undefined;
  const field = (vi: string, en: string, name: string, status: number) => ({ status, problems: [{ field: name, vi, en }] });
  switch (err.code) {
    case 'duplicate_serial':
      return field('Phiếu có số này đã được nhập.', 'This slip is already entered.', 'serial', 409);
    case 'too_many_slips':
      return field('Đã nhập đủ số phiếu bằng số hộ có mặt.', 'As many slips as households present are entered.', 'serial', 409);
    case 'already_returned':
      return field('Hộ này đã được đánh dấu nộp phiếu.', 'This household is already ticked off.', 'household', 409);
    case 'invalid_request':
      return err.details?.[0]?.path === 'serial'
        ? field('Không có phiếu nào mang số này: hãy so lại số phiếu in trên phiếu.', 'No slip with this serial was issued.', 'serial', 400)
        : paperRefusal(err, opensAt);
    default:
      return paperRefusal(err, opensAt);
  }
}

export function slipRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  /** The entry page, read after the act so that its counts include it. */
  const entryPage = async (c: Context<OfficialEnv>, status: number, more: Pick<SlipEntryPageInput, 'last' | 'values' | 'problems' | 'returning'> = {}) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'voting') throw new DomainError('not_open', `voting is not open; this consultation is ${rec.state}`);
    const counts = await slipCounts(core, who(c), id);
    const present = rec.consultation.method === 'meeting' ? (await meetingStatus(core, who(c), id)).present : undefined;
    return page(c, status, <SlipEntryPage official={officialOf(who(c))!} consultation={rec.consultation} counts={counts} present={present} {...more} />);
  };

  // Registered before the household entry page: a round by serial never shows a roll id field for its slips.
  app.get('/officials/c/:id/paper', async (c, next) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    return bySerial(rec.consultation.method) ? entryPage(c, 200) : next();
  });

  // 200 slips a page (100 sheets of A4): a 50,000-household round is 250 pages, each well within a response's limit.
  app.get('/officials/c/:id/slips', async (c) => {
    const { page: n } = pageQuery(c);
    const { consultation, serials } = await issuedSerials(core, who(c), consultationId(c));
    const pages = Math.max(1, Math.ceil(serials.length / SLIPS_PER_PAGE));
    if (n > pages)
      throw new DomainError('invalid_request', `there are ${pages} page(s)`, [{ path: 'page', message: `1 to ${pages}` }], `Chỉ có ${pages} trang.`);
    const paging = { page: n, pages, total: serials.length, hamlets: [] };
    const shown = serials.slice((n - 1) * SLIPS_PER_PAGE, n * SLIPS_PER_PAGE);
    const opened = c.req.query('opened') === '1';
    const translation = await suppliedTranslation(core, consultation.id, consultation);
    return page(
      c,
      200,
      <PaperSlipsPage official={officialOf(who(c))!} consultation={consultation} serials={shown} paging={paging} opened={opened} translation={translation} />,
    );
  });

  app.post('/officials/c/:id/paper/slip', formLimit, async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    const input = readSlipForm(rec.consultation.questions, await formFields(c));
    if (!input.slip) return entryPage(c, 400, { values: input.values, problems: input.problems });
    try {
      const entered = await enterSlip(core, who(c), id, input.slip);
      return entryPage(c, 200, { last: { serial: entered.serial, receipt: entered.receipt, answers: input.slip.answers } });
    } catch (err) {
      const fix = problemOf(err, rec.consultation.opensAt);
      if (!fix) throw err;
      return entryPage(c, fix.status, { values: input.values, problems: fix.problems });
    }
  });

  app.post('/officials/c/:id/paper/return', formLimit, async (c) => {
    const id = consultationId(c);
    const typed = ((await formFields(c)).get('household') ?? '').normalize('NFKC').trim().slice(0, 40);
    if (!RollId.safeParse(typed).success)
      return entryPage(c, 400, {
        returning: typed,
        problems: [
          { field: 'household', vi: 'Mã hộ chỉ gồm chữ, số và . _ - (tối đa 32 ký tự).', en: 'A roll id has letters, digits and . _ - (at most 32).' },
        ],
      });
    const { rec } = await loadForOfficial(core, who(c), id);
    try {
      // The roll's own spelling (case ignored), as the return is recorded and published.
      const household = await rollIdOf(core, who(c), id, typed);
      await tickReturn(core, who(c), id, household);
      return entryPage(c, 200, { last: { returned: household } });
    } catch (err) {
      const fix = problemOf(err, rec.consultation.opensAt);
      if (!fix) throw err;
      return entryPage(c, fix.status, { returning: typed, problems: fix.problems });
    }
  });
}
