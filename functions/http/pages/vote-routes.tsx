/**
 * Voting with the household's code: the ballot page, the review step, and the cast. Nothing is recorded before the
 * cast; the code is checked at the review step (checkVotingCode) and again at the cast (castOnline), both behind the
 * same limit on wrong codes. A refusal shows the ballot again with everything the resident typed and chose.
 */
import type { Context, Hono } from 'hono';
import type { CoreDeps } from '../../core/deps.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { castOnline, checkVotingCode } from '../../core/voting.ts';
import { BallotPage, type BallotPageInput } from '../../../web/vote/ballot-page.tsx';
import { votingStatus, withLang, type Lang } from '../../../web/vote/model.ts';
import { NoticePage } from '../../../web/vote/notice-page.tsx';
import { RecordedPage } from '../../../web/vote/recorded-page.tsx';
import { ReviewPage } from '../../../web/vote/review-page.tsx';
import { readBallotForm, type BallotInput } from './ballot-input.ts';
import { consultationId, failureOf, formFields, formLimit, langOf, page, residentConsultation, statusFor, statusOf } from './respond.ts';

/** Decree 59/2023 Art. 4: a household-ballot round is voted on the paper slip alone, never with a code. */
const PAPER_ONLY = {
  vi: {
    title: 'Vòng này biểu quyết bằng phiếu giấy',
    message:
      'Mỗi hộ gia đình nhận một phiếu lấy ý kiến bằng giấy do Tổ phát phiếu mang đến, ghi ý kiến vào phiếu và nộp lại trước hạn ghi trên phiếu. Vòng này không nhận biểu quyết trực tuyến.',
  },
  en: {
    title: 'This round is voted on paper slips',
    message:
      'Each household gets a paper slip from the ballot team, marks it and hands it back by the deadline printed on it. There is no online voting in this round.',
  },
} as const;

export function voteRoutes(app: Hono, core: CoreDeps, clientIp: (c: Context) => string): void {
  const load = (id: string) => residentConsultation(core, id);
  /** The refusal of a round with no online channel, before any code is asked for. */
  const paperOnly = (c: Context, status: number) => {
    const lang = langOf(c);
    return page(c, status, <NoticePage lang={lang} title={PAPER_ONLY[lang].title} message={PAPER_ONLY[lang].message} notRecorded={c.req.method === 'POST'} />);
  };
  const householdBallot = (rec: ConsultationRecord) => rec.consultation.method === 'household_ballot' && rec.state === 'voting';

  const ballotPage = (rec: ConsultationRecord, lang: Lang, more: Partial<BallotPageInput> = {}) => {
    const c = rec.consultation;
    const status = votingStatus(c, rec.state, core.clock.now());
    const site = core.publisher.url(`c/${c.id}/`);
    return <BallotPage lang={lang} consultation={c} status={status} disclosureUrl={site} resultUrl={rec.resultUrl ?? site} {...more} />;
  };

  /**
   * A refused review or cast: the ballot page again with the code and the answers as the resident left them, and
   * what to do next. A refused code is marked on its field; nothing was recorded.
   */
  const refused = async (c: Context, rec: ConsultationRecord, input: BallotInput, err: unknown) => {
    const failure = failureOf(err);
    if (failure === 'not_found') throw err;
    if (failure === 'internal') core.log?.(`voting on the resident page failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
    const codeRefused = failure === 'invalid_code' || failure === 'too_many_attempts';
    // A round that closed (or opened) meanwhile is shown as it is now.
    const now = failure === 'not_open' || failure === 'wrong_state' ? await load(rec.consultation.id) : rec;
    const more: Partial<BallotPageInput> = { form: input.form, failure, ...(codeRefused ? { problems: [{ field: 'code', kind: 'code_refused' }] } : {}) };
    return page(c, statusFor(c, err, failure), ballotPage(now, langOf(c), more));
  };

  app.get('/vote/:id', async (c) => {
    const rec = await load(consultationId(c));
    return householdBallot(rec) ? paperOnly(c, 409) : page(c, 200, ballotPage(rec, langOf(c)));
  });

  // `/vote/{id}/`, and a reload or bookmark of a step that exists only as the answer to a form: the ballot page.
  for (const step of ['', 'review', 'edit', 'cast']) {
    app.get(`/vote/:id/${step}`, (c) => c.redirect(withLang(`/vote/${consultationId(c)}`, langOf(c)), 303));
  }

  app.post('/vote/:id/review', formLimit, async (c) => {
    const lang = langOf(c);
    const fields = await formFields(c);
    const rec = await load(consultationId(c));
    if (householdBallot(rec)) return paperOnly(c, 409);
    const status = votingStatus(rec.consultation, rec.state, core.clock.now());
    const input = readBallotForm(rec.consultation.questions, fields);
    if (status !== 'open') {
      const failure = status === 'meeting' ? 'wrong_state' : 'not_open';
      return page(c, statusOf(failure), ballotPage(rec, lang, { failure }));
    }
    if (!input.ballot) return page(c, 400, ballotPage(rec, lang, { form: input.form, problems: input.problems }));
    const { code, answers, opinions } = input.ballot;
    // The code is checked before the review, so that a wrong one is not found only after «Gửi phiếu».
    try {
      await checkVotingCode(core, rec.consultation.id, code, clientIp(c));
    } catch (err) {
      return refused(c, rec, input, err);
    }
    return page(c, 200, <ReviewPage lang={lang} consultation={rec.consultation} code={code} answers={answers} opinions={opinions} />);
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
    if (householdBallot(rec)) return paperOnly(c, 409);
    const input = readBallotForm(rec.consultation.questions, fields);
    if (!input.ballot) return page(c, 400, ballotPage(rec, lang, { form: input.form, problems: input.problems }));
    let outcome: Awaited<ReturnType<typeof castOnline>>;
    try {
      outcome = await castOnline(core, id, input.ballot, clientIp(c));
    } catch (err) {
      return refused(c, rec, input, err);
    }
    return page(
      c,
      200,
      <RecordedPage
        lang={lang}
        consultation={rec.consultation}
        receipt={outcome.receipt}
        replaced={outcome.replaced}
        receiptSignature={outcome.receiptSignature}
      />,
    );
  });
}
