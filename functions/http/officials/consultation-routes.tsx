/**
 * The commune's consultations: the list, creating and editing a draft, its page with turnout and actions, the
 * preview of its public page, disclosing and cancelling. Each act is the API's use case; after one, the browser is
 * sent to the consultation's page (303), so a reload repeats nothing.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { disclosurePage } from '../../../web/disclosure-page.tsx';
import { CancelPage } from '../../../web/officials/cancel-page.tsx';
import { DisclosePage } from '../../../web/officials/confirm-page.tsx';
import { ConsultationFormPage } from '../../../web/officials/consultation-form-page.tsx';
import { ConsultationPage } from '../../../web/officials/consultation-page.tsx';
import { DashboardPage } from '../../../web/officials/dashboard-page.tsx';
import type { FieldProblem } from '../../../web/officials/model.ts';
import { loadForOfficial } from '../../core/access.ts';
import { afterPublication } from '../../core/after-publication.ts';
import { createConsultation, listConsultationPage, nextRoundDraft, updateConsultation } from '../../core/consultations.ts';
import { cancelConsultation, discloseConsultation, discloseObstacle } from '../../core/lifecycle.ts';
import { meetingStatus } from '../../core/meeting.ts';
import { consultationOverview } from '../../core/read-model.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import { problemsFromDetails, readConsultationForm, type ConsultationForm } from './consultation-form.ts';
import { emptyForm, formOf } from './form-values.ts';
import { documentRoutes } from './document-routes.tsx';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

/** A description may be 20 000 characters of Vietnamese, which URL-encoding makes up to 9 bytes each. */
const consultationFormLimit = bodyLimit({
  maxSize: 256 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

/** The turnout of a record, as the pages show it. */
export function turnoutOf(rec: ConsultationRecord) {
  const p = rec.participants;
  return { eligible: rec.rollCount, participants: p.online + p.paper + p.meeting, byChannel: { ...p } };
}

export function consultationRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const formPage = (c: Context<OfficialEnv>, status: number, form: Pick<ConsultationForm, 'values'>, problems: FieldProblem[], id?: string) =>
    page(c, status, <ConsultationFormPage official={officialOf(who(c))!} id={id} values={form.values} problems={problems} profile={core.profile} />);

  /** Saves with `save`, or shows the form again with the use case's own problems on their fields. */
  const saveOrShow = async (c: Context<OfficialEnv>, id: string | undefined, save: (form: ConsultationForm) => Promise<ConsultationRecord>) => {
    const form = readConsultationForm(await formFields(c), core.profile);
    if (!form.input) return formPage(c, 400, form, form.problems, id);
    let rec: ConsultationRecord;
    try {
      rec = await save(form);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'method_not_allowed' && err.details?.[0])
        return formPage(c, 400, form, [{ field: err.details[0].path, vi: err.vi ?? err.details[0].message, en: err.message }], id);
      if (err instanceof DomainError && err.code === 'invalid_request' && err.details)
        return formPage(c, 400, form, problemsFromDetails(err.details, form), id);
      throw err;
    }
    return c.redirect(`/officials/c/${rec.consultation.id}?done=${id ? 'saved' : 'created'}`, 303);
  };

  // One page of the commune's consultations, drafts included; "Trang sau" carries the store's cursor.
  app.get('/officials/', async (c) => {
    const official = who(c);
    const cursor = c.req.query('cursor') || undefined;
    const list = await listConsultationPage(core, official, { commune: official.commune, ...(cursor ? { cursor } : {}) });
    return page(
      c,
      200,
      <DashboardPage
        official={officialOf(official)!}
        consultations={list.items.map((s) => ({ consultation: s, state: s.state, closedAt: s.closedAt }))}
        now={core.clock.now()}
        first={cursor ? '/officials/' : undefined}
        next={list.cursor ? `/officials/?cursor=${encodeURIComponent(list.cursor)}` : undefined}
      />,
    );
  });

  app.get('/officials/c/new', (c) => formPage(c, 200, { values: emptyForm() }, []));
  app.post('/officials/c/new', consultationFormLimit, (c) => saveOrShow(c, undefined, (form) => createConsultation(core, who(c), form.input!)));

  // A new round after a published one (nothing adopted, no quorum, or a correction): its form, filled from it.
  app.get('/officials/c/:id/next', async (c) => {
    const { follows, ...input } = await nextRoundDraft(core, who(c), consultationId(c));
    return formPage(c, 200, { values: { ...formOf(input, core.profile), opensAt: '', closesAt: '', follows } }, []);
  });

  app.get('/officials/c/:id/edit', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    if (rec.state !== 'draft') throw new DomainError('wrong_state', `only a draft can be edited; this consultation is ${rec.state}`);
    const { id: _id, commune: _commune, documents: _documents, ...input } = rec.consultation;
    return formPage(c, 200, { values: formOf(input, core.profile) }, [], rec.consultation.id);
  });
  app.post('/officials/c/:id/edit', consultationFormLimit, async (c) => {
    const id = consultationId(c);
    // 403/404 before reading the form, as the API decides them before the body.
    await loadForOfficial(core, who(c), id);
    return saveOrShow(c, id, (form) => updateConsultation(core, who(c), id, form.input!));
  });

  consultationPageRoute(app, deps);
  // The disclosure page exactly as the site will publish it.
  documentRoutes(app, deps);
  lifecycleRoutes(app, deps);
}

/** One consultation's page: its state as it is, its acts, its turnout and the warning that a rule can no longer be met. */
function consultationPageRoute(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  app.get('/officials/c/:id', async (c) => {
    const { rec, minutesDrafted } = await consultationOverview(core, who(c), consultationId(c));
    const id = rec.consultation.id;
    const record = rec.state === 'published' ? await afterPublication(core, id) : undefined;
    // At a meeting only the households present vote: the warning that a rule can no longer be met counts them.
    const present = rec.state === 'voting' && rec.consultation.method === 'meeting' ? (await meetingStatus(core, who(c), id)).present : undefined;
    return page(
      c,
      200,
      <ConsultationPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        turnout={turnoutOf(rec)}
        publicUrl={core.publisher.url(`c/${id}/`)}
        resultUrl={rec.resultUrl}
        minutesDrafted={minutesDrafted}
        done={c.req.query('done')}
        now={core.clock.now()}
        record={record}
        closedAt={rec.closedAt}
        present={present}
      />,
    );
  });
}

function lifecycleRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  app.get('/officials/c/:id/preview', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    // The attached documents' links point at the site, where they are published as soon as attached.
    return c.html(disclosurePage(rec.consultation, rec.state, rec.rollCount, core.publisher.url(`c/${rec.consultation.id}/`)));
  });

  // The step before disclosing: what follows, or why it cannot be done yet (an empty roll).
  app.get('/officials/c/:id/disclose', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const obstacle = discloseObstacle(rec);
    return page(
      c,
      obstacle ? 409 : 200,
      <DisclosePage official={officialOf(who(c))!} consultation={rec.consultation} rollCount={rec.rollCount} obstacle={obstacle} />,
    );
  });
  app.post('/officials/c/:id/disclose', formLimit, async (c) => {
    const rec = await discloseConsultation(core, who(c), consultationId(c));
    return c.redirect(`/officials/c/${rec.consultation.id}?done=disclosed`, 303);
  });

  app.get('/officials/c/:id/cancel', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const allowed = rec.state === 'draft' || rec.state === 'disclosure';
    return page(c, allowed ? 200 : 409, <CancelPage official={officialOf(who(c))!} consultation={rec.consultation} allowed={allowed} />);
  });
  app.post('/officials/c/:id/cancel', formLimit, async (c) => {
    const rec = await cancelConsultation(core, who(c), consultationId(c));
    return c.redirect(`/officials/c/${rec.consultation.id}?done=cancelled`, 303);
  });

  // The documents attached to the disclosure, part of the consultation's content.
}
