/**
 * Voting with the household's code: the ballot page, the review step, and the cast. Nothing is recorded before
 * the cast, and the code is checked only there, by castOnline, behind its limit on wrong codes.
 */
import type { Context, Hono } from 'hono';
import { getConsultation } from '../../core/consultations.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { castOnline } from '../../core/voting.ts';
import { BallotPage, type BallotPageInput } from '../../../web/vote/ballot-page.tsx';
import { votingStatus, withLang, type Lang } from '../../../web/vote/model.ts';
import { RecordedPage } from '../../../web/vote/recorded-page.tsx';
import { ReviewPage } from '../../../web/vote/review-page.tsx';
import { readBallotForm } from './ballot-input.ts';
import { consultationId, failureOf, formFields, formLimit, langOf, page, statusOf } from './respond.ts';

export function voteRoutes(app: Hono, core: CoreDeps, clientIp: (c: Context) => string): void {
  const load = (id: string) => getConsultation(core, undefined, id);

  const ballotPage = (rec: ConsultationRecord, lang: Lang, more: Partial<BallotPageInput> = {}) => {
    const c = rec.consultation;
    const status = votingStatus(c, rec.state, core.clock.now());
    const site = core.publisher.url(`c/${c.id}/`);
    return <BallotPage lang={lang} consultation={c} status={status} disclosureUrl={site} resultUrl={rec.resultUrl ?? site} {...more} />;
  };

  app.get('/vote/:id', async (c) => page(c, 200, ballotPage(await load(consultationId(c)), langOf(c))));

  // `/vote/{id}/`, and a reload or bookmark of a step that exists only as the answer to a form: the ballot page.
  for (const step of ['', 'review', 'edit', 'cast']) {
    app.get(`/vote/:id/${step}`, (c) => c.redirect(withLang(`/vote/${consultationId(c)}`, langOf(c)), 303));
  }

  app.post('/vote/:id/review', formLimit, async (c) => {
    const lang = langOf(c);
    const fields = await formFields(c);
    const rec = await load(consultationId(c));
    const status = votingStatus(rec.consultation, rec.state, core.clock.now());
    const input = readBallotForm(rec.consultation.questions, fields);
    if (status !== 'open') {
      const failure = status === 'meeting' ? 'wrong_state' : 'not_open';
      return page(c, statusOf(failure), ballotPage(rec, lang, { failure }));
    }
    if (!input.ballot) return page(c, 400, ballotPage(rec, lang, { form: input.form, problems: input.problems }));
    return page(c, 200, <ReviewPage lang={lang} consultation={rec.consultation} code={input.ballot.code} answers={input.ballot.answers} />);
  });

  app.post('/vote/:id/edit', formLimit, async (c) => {
    const fields = await formFields(c);
    const rec = await load(consultationId(c));
    return page(c, 200, ballotPage(rec, langOf(c), { form: readBallotForm(rec.consultation.questions, fields).form }));
  });

  app.post('/vote/:id/cast', formLimit, async (c) => {
    const lang = langOf(c);
    const fields = await formFields(c);
    const id = consultationId(c);
    const rec = await load(id);
    const input = readBallotForm(rec.consultation.questions, fields);
    if (!input.ballot) return page(c, 400, ballotPage(rec, lang, { form: input.form, problems: input.problems }));
    let outcome: Awaited<ReturnType<typeof castOnline>>;
    try {
      outcome = await castOnline(core, id, input.ballot, clientIp(c));
    } catch (err) {
      const failure = failureOf(err);
      if (failure === 'not_found') throw err;
      if (failure === 'internal') core.log?.(`casting on the resident page failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
      // A wrong code is not shown again; a ballot that may simply be resent keeps it.
      const keepCode = failure === 'invalid_request' || failure === 'busy' || failure === 'internal';
      const now = failure === 'not_open' || failure === 'wrong_state' ? await load(id) : rec;
      return page(c, statusOf(failure), ballotPage(now, lang, { form: { ...input.form, code: keepCode ? input.form.code : '' }, failure }));
    }
    return page(c, 200, <RecordedPage lang={lang} consultation={rec.consultation} receipt={outcome.receipt} replaced={outcome.replaced} />);
  });
}
