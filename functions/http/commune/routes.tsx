/**
 * The routes of UBND xã's pages: the list of the commune's published decisions it recognises, one round's page, and
 * its three acts, each the API's use case (../../core/after-publication.ts), then back to the round's page (303).
 */
import type { Context } from 'hono';
import { Art22Body, RecognitionBody, takesEffect } from '../../../shared/recognition.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { DomainError } from '../../../shared/errors.ts';
import { type CommuneNameValues, CommuneNamePage } from '../../../web/commune/name-page.tsx';
import { CommuneDashboardPage, CommuneRoundPage } from '../../../web/commune/pages.tsx';
import { loadForCommune } from '../../core/access.ts';
import { afterPublication, annul, recognize, requestAmendment } from '../../core/after-publication.ts';
import { CommuneProfileBody, communeProfileOf, nameCommune } from '../../core/commune-profile.ts';
import type { Principal } from '../../core/ports.ts';
import { communeDashboard } from '../../core/read-model.ts';
import { formBody } from '../officials/record-sent-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { CommuneApp, CommuneEnv, CommunePagesDeps } from './env.ts';

/** What a name that cannot be kept is told, in Vietnamese (the English is the schema's own message). */
const NAME_PROBLEM = 'Cần từ 2 đến 120 ký tự, viết trên một dòng, không có ký tự điều khiển.';

/** The fields every act's form has; the reason only when given. */
async function actFields(c: Context<CommuneEnv>) {
  const form = await formFields(c);
  const reason = form.get('reason')?.trim();
  return { date: form.get('date') ?? '', reference: form.get('reference') ?? '', ...(reason ? { reason } : {}), decision: form.get('decision') ?? '' };
}

export function communeRoutes(app: CommuneApp, deps: CommunePagesDeps): void {
  const { core } = deps;
  const who = (c: Context<CommuneEnv>): Principal => c.get('commune');

  app.get('/commune/', async (c) => {
    const mine = (await communeDashboard(core, who(c))).filter((r) => r.state === 'published' && takesEffect(r.consultation.matter) === 'ubnd_xa');
    const rounds = await Promise.all(mine.map(async (r) => ({ consultation: r.consultation, record: await afterPublication(core, r.consultation.id) })));
    return page(c, 200, <CommuneDashboardPage commune={officialOf(who(c))!} rounds={rounds} />);
  });

  app.get('/commune/c/:id', async (c) => {
    const { rec } = await loadForCommune(core, who(c), consultationId(c));
    const record = await afterPublication(core, rec.consultation.id);
    return page(
      c,
      200,
      <CommuneRoundPage
        commune={officialOf(who(c))!}
        consultation={rec.consultation}
        record={record}
        resultUrl={rec.resultUrl}
        today={vietnamDate(core.clock.now())}
        done={c.req.query('done')}
      />,
    );
  });

  // The commune's display name: the form, and its setting (an official act of UBND xã, in the commune's own log).
  app.get('/commune/name', async (c) => {
    const { profile, log } = await communeProfileOf(core, who(c));
    return page(c, 200, <CommuneNamePage commune={officialOf(who(c))!} profile={profile} log={log} done={c.req.query('done') === '1'} />);
  });
  app.post('/commune/name', formLimit, async (c) => {
    const form = await formFields(c);
    const values: CommuneNameValues = { name: form.get('name') ?? '', district: form.get('district') ?? '', province: form.get('province') ?? '' };
    const optional = (v: string) => (v.trim() === '' ? undefined : v);
    try {
      const district = optional(values.district);
      const province = optional(values.province);
      const body = formBody(CommuneProfileBody, { name: values.name, ...(district ? { district } : {}), ...(province ? { province } : {}) });
      await nameCommune(core, who(c), body);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'invalid_request') throw err;
      const { profile, log } = await communeProfileOf(core, who(c));
      const problems = (err.details ?? []).map((d) => ({ field: d.path ?? '', vi: NAME_PROBLEM, en: d.message }));
      return page(c, 400, <CommuneNamePage commune={officialOf(who(c))!} profile={profile} log={log} values={values} problems={problems} />);
    }
    return c.redirect('/commune/name?done=1', 303);
  });

  const back = (c: Context<CommuneEnv>, id: string, done: string) => c.redirect(`/commune/c/${encodeURIComponent(id)}?done=${done}`, 303);

  app.post('/commune/c/:id/recognition', formLimit, async (c) => {
    const id = consultationId(c);
    await recognize(core, who(c), id, formBody(RecognitionBody, await actFields(c)));
    return back(c, id, 'recognition');
  });
  app.post('/commune/c/:id/annulment', formLimit, async (c) => {
    const id = consultationId(c);
    const { decision: _decision, ...fields } = await actFields(c);
    await annul(core, who(c), id, formBody(Art22Body, fields));
    return back(c, id, 'annulment');
  });
  app.post('/commune/c/:id/amendment-request', formLimit, async (c) => {
    const id = consultationId(c);
    const { decision: _decision, ...fields } = await actFields(c);
    await requestAmendment(core, who(c), id, formBody(Art22Body, fields));
    return back(c, id, 'amendment');
  });
}
