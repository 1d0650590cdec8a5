/**
 * The monitors' pages of a round's risk-limiting audit (../../core/rla.ts): the page, and its three forms (the seed
 * digits, a drawn slip's reading, the conclusion), each the API's use case, then back to the page (303).
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import type { Answers } from '../../../shared/schemas.ts';
import { RlaPage } from '../../../web/monitors/rla-page.tsx';
import { loadForMonitor } from '../../core/access.ts';
import type { Principal } from '../../core/ports.ts';
import { concludeRla, enterReading, enterSeedDigits, rlaState } from '../../core/rla.ts';
import { officialOf } from '../officials/respond.tsx';
import { sessionIdToken } from '../session.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { MonitorApp, MonitorEnv, MonitorPagesDeps } from './env.ts';

/** The page again, in English too when the form was posted from the English page. */
const back = (c: Context<MonitorEnv>, id: string, anchor: string) =>
  c.redirect(`/monitors/c/${encodeURIComponent(id)}/rla${c.req.query('lang') === 'en' ? '?lang=en' : ''}#${anchor}`, 303);

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
    const state = await rlaState(core, who(c), id);
    const { consultation } = rec;
    return page(c, 200, <RlaPage monitor={officialOf(who(c))!} id={id} title={consultation.title} questions={consultation.questions} state={state} />);
  });

  app.post('/monitors/c/:id/rla/seed', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    await enterSeedDigits(core, who(c), id, form.get('digits') ?? '');
    return back(c, id, 'seed');
  });

  app.post('/monitors/c/:id/rla/readings', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    const k = Number(form.get('k'));
    if (!Number.isSafeInteger(k) || k < 1) throw new DomainError('invalid_request', 'the draw number is missing', [{ path: 'k', message: 'số lượt rút' }]);
    const { rec } = await loadForMonitor(core, who(c), id, true);
    await enterReading(core, who(c), id, k, readingAnswers(form, rec.consultation.questions));
    return back(c, id, 'draws');
  });

  app.post('/monitors/c/:id/rla/conclude', formLimit, async (c) => {
    const id = consultationId(c);
    const form = await formFields(c);
    const options = form.get('fullCount') ? { fullCount: true } : {};
    if (deps.rlaRequester) await deps.rlaRequester.rla(who(c), sessionIdToken(c), id, options);
    else await concludeRla(core, who(c), id, options);
    return back(c, id, 'conclusion');
  });
}
