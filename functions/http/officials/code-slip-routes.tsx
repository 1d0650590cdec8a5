/**
 * The code slips of an online round on the officials' pages: printed page by page after opening (again after a lost
 * connection, until sealed), sealed once printed, and one household's code reissued on a slip of its own.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { RollId, type Consultation } from '../../../shared/schemas.ts';
import type { Slip } from '../../../web/officials/model.ts';
import { SealPage } from '../../../web/officials/confirm-page.tsx';
import { PRINT_SCRIPT, PRINT_SCRIPT_PATH, SlipsPage, type SlipsPageInput } from '../../../web/officials/slips-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { codeSlips, sealSlips } from '../../core/code-slips.ts';
import { slipHamlets } from '../../core/read-model.ts';
import { reissueCode } from '../../core/voting.ts';
import { suppliedTranslation } from '../../core/translations.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { pageQuery } from './page-query.ts';
import { officialOf } from './respond.tsx';

/** The ballot page of a consultation on the site, and the link a slip's QR code opens (the code in the fragment). */
export function voteUrls(siteUrl: (key: string) => string, id: string, code: string): { voteUrl: string; qrUrl: string } {
  const voteUrl = new URL(siteUrl(`vote/${id}`)).href;
  return { voteUrl, qrUrl: `${voteUrl}#code=${code}` };
}

const byHamletThenId = (a: Slip, b: Slip) =>
  a.hamlet === b.hamlet ? (a.household < b.household ? -1 : a.household > b.household ? 1 : 0) : a.hamlet < b.hamlet ? -1 : 1;

export function codeSlipRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  /** The slips, drawn with QR codes; should drawing fail, without them: these codes exist nowhere else. */
  const slipsPage = (
    c: Context<OfficialEnv>,
    consultation: Consultation,
    credentials: ReadonlyArray<{ household: string; code: string }>,
    hamlets: Map<string, string>,
    reissued: boolean,
    more: Pick<SlipsPageInput, 'paging' | 'withdrawn' | 'translation'> = {},
  ) => {
    const id = consultation.id;
    const slips = credentials
      .map((k) => ({
        household: k.household,
        hamlet: hamlets.get(k.household) ?? '',
        code: k.code,
        qrUrl: voteUrls((key) => core.publisher.url(key), id, k.code).qrUrl,
      }))
      .sort(byHamletThenId);
    const props = {
      official: officialOf(who(c))!,
      consultation,
      slips,
      voteUrl: voteUrls((key) => core.publisher.url(key), id, '').voteUrl,
      reissued,
      ...more,
    };
    try {
      return page(c, 200, <SlipsPage {...props} />);
    } catch (err) {
      core.log?.(`drawing the slips of ${id} failed, shown without QR codes: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
      return page(c, 200, <SlipsPage {...props} plain />);
    }
  };

  app.get('/officials/c/:id/codes', async (c) => {
    const id = consultationId(c);
    const { page: n, hamlet } = pageQuery(c);
    const slips = await codeSlips(core, who(c), id, { page: n, hamlet });
    const credentials = slips.slips.flatMap((s) => (s.code ? [{ household: s.household, code: s.code }] : []));
    const hamlets = new Map(slips.slips.map((s) => [s.household, s.hamlet]));
    const withdrawn = slips.slips.filter((s) => !s.code).map((s) => s.household);
    const translation = await suppliedTranslation(core, id, slips.consultation);
    return slipsPage(c, slips.consultation, credentials, hamlets, false, { paging: slips, withdrawn, translation });
  });

  // The print buttons' script: this origin's, the CSP allowing no inline script.
  app.get(PRINT_SCRIPT_PATH, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.body(PRINT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  // The step before sealing: nobody can show the codes again, and it cannot be undone.
  app.get('/officials/c/:id/codes/seal', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const allowed = rec.state === 'voting' && rec.consultation.method === 'online';
    return page(c, allowed ? 200 : 409, <SealPage official={officialOf(who(c))!} consultation={rec.consultation} allowed={allowed} />);
  });

  app.post('/officials/c/:id/codes/seal', formLimit, async (c) => {
    const id = consultationId(c);
    if ((await formFields(c)).get('confirm') !== 'yes')
      throw new DomainError(
        'invalid_request',
        'tick the box: every page is printed',
        [{ path: 'confirm', message: 'required' }],
        'Hãy đánh dấu ô xác nhận đã in xong tất cả các trang.',
      );
    await sealSlips(core, who(c), id);
    return c.redirect(`/officials/c/${id}`, 303);
  });

  app.post('/officials/c/:id/reissue', formLimit, async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    const household = ((await formFields(c)).get('household') ?? '').normalize('NFKC').trim();
    if (!RollId.safeParse(household).success) throw new DomainError('invalid_request', 'a roll id has letters, digits and . _ - (at most 32)');
    const hamlets = await slipHamlets(core, who(c), id, [household]);
    const issued = await reissueCode(core, who(c), id, household);
    return slipsPage(c, rec.consultation, [issued], hamlets, true, { translation: await suppliedTranslation(core, rec.consultation.id, rec.consultation) });
  });
}
