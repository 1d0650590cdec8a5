/**
 * The monitors' pages of a round's risk-limiting audit (../../core/rla.ts): the page, and its three forms (the seed
 * digits, a drawn slip's reading, the conclusion), each the API's use case, then back to the page (303). A form
 * refused (the seed fixed meanwhile by another monitor, a draw read already) answers with the notice and a way back
 * to the audit, without JavaScript.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { Answers } from '../../../shared/schemas.ts';
import { RlaPage } from '../../../web/monitors/rla-page.tsx';
import { loadForMonitor } from '../../core/access.ts';
import type { Principal } from '../../core/ports.ts';
import { concludeRla, enterReading, enterSeedDigits, rlaState } from '../../core/rla.ts';
import { officialOf, staffNotice } from '../officials/respond.tsx';
import { sessionIdToken } from '../session.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';
import { siteKeys } from './site-keys.ts';

/** The audit's page, in English too when the form was posted from the English page. */
const rlaPath = (c: Context<MonitorEnv>, id: string) => `/monitors/c/${encodeURIComponent(id)}/rla${c.req.query('lang') === 'en' ? '?lang=en' : ''}`;

/** The page again, at the part the form belongs to. */
const back = (c: Context<MonitorEnv>, id: string, anchor: string) => c.redirect(`${rlaPath(c, id)}#${anchor}`, 303);

/** A reading form's answers: `answer_<q>` per question (several for approval); an empty choice or `missing_<q>` leaves it out. */
export function readingAnswers(form: URLSearchParams, questions: ReadonlyArray<{ id: string; type: string }>): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    if (form.get(`missing_${q.id}`)) continue;
    const values = form.getAll(`answer_${q.id}`);
    if (q.type === 'approval') answers[q.id] = values;
    else if (values[0]) answers[q.id] = values[0];
  }
  return answers;
}

export function monitorRlaRoutes(app: MonitorApp, deps: MonitorPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<MonitorEnv>): Principal => c.get('monitor');

  app.get('/monitors/c/:id/rla', async (c) => {
    const id = consultationId(c);
    const { rec } = await loadForMonitor(core, who(c), id, true);
    const [state, keys] = await Promise.all([rlaState(core, who(c), id), siteKeys(core)]);
    const { consultation } = rec;
    return page(
      c,
      200,
      <RlaPage monitor={officialOf(who(c))!} id={id} title={consultation.title} questions={consultation.questions} state={state} keys={keys} />,
    );
  });

  /** Runs a form's act; a refusal is the notice with a link back to the audit's page. */
  const act = async (c: Context<MonitorEnv>, anchor: string, body: (id: string, form: URLSearchParams) => Promise<unknown>) => {
    const id = consultationId(c);
    try {
      await body(id, await formFields(c));
    } catch (err) {
      return staffNotice('monitor', core, err, c, who(c), `${rlaPath(c, id)}#${anchor}`);
    }
    return back(c, id, anchor);
  };

  app.post('/monitors/c/:id/rla/seed', formLimit, (c) => act(c, 'seed', (id, form) => enterSeedDigits(core, who(c), id, form.get('digits') ?? '')));

  app.post('/monitors/c/:id/rla/readings', formLimit, (c) =>
    act(c, 'draws', async (id, form) => {
      const k = Number(form.get('k'));
      if (!Number.isSafeInteger(k) || k < 1) throw new DomainError('invalid_request', 'the draw number is missing', [{ path: 'k', message: 'số lượt rút' }]);
      const { rec } = await loadForMonitor(core, who(c), id, true);
      await enterReading(core, who(c), id, k, readingAnswers(form, rec.consultation.questions));
    }),
  );

  app.post('/monitors/c/:id/rla/conclude', formLimit, (c) =>
    act(c, 'conclusion', async (id, form) => {
      const options = form.get('fullCount') ? { fullCount: true } : {};
      if (deps.rlaRequester) await deps.rlaRequester.rla(who(c), sessionIdToken(c), id, options);
      else await concludeRla(core, who(c), id, options);
    }),
  );
}
