/**
 * The households' contact book and the round's notices: the contacts CSV pasted and checked line by line (every bad
 * line back with its reason, nothing half-taken), a household's opt-out, the "Gửi thông báo" form (meeting
 * invitation or household-ballot notice, the text prefilled with the date and the documents' link, flagged when
 * short of the law's notice), the notices the log records, and, where the runtime keeps one, the outbox of the
 * round. Every act calls a use case of core/contacts.ts or core/notice-invitation.ts.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { RollId } from '../../../shared/schemas.ts';
import { ContactsPage } from '../../../web/officials/contacts-page.tsx';
import { NoticesPage, type OutboxBatchView } from '../../../web/officials/outbox-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { listContacts, readContactsCsv, setContactOptOut, uploadContacts } from '../../core/contacts.ts';
import { noticesOfRound, sendInvitation } from '../../core/notice-invitation.ts';
import type { ConsultationRecord } from '../../core/store.ts';
import { consultationId, formFields, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';

/** The outbox batches of a round, where the runtime keeps an outbox (the local one). */
export type OutboxReader = (consultationId: string) => Promise<OutboxBatchView[]>;

/** A pasted contact book: a few thousand lines. */
const CONTACTS_LIMIT = 2 * 1024 * 1024;
const contactsLimit = bodyLimit({
  maxSize: CONTACTS_LIMIT,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

type NoticeForm = 'meeting_invitation' | 'household_ballot_notice';
const noticeKind = (v: string | null | undefined, rec: ConsultationRecord): NoticeForm =>
  v === 'meeting_invitation' || v === 'household_ballot_notice'
    ? v
    : rec.consultation.method === 'household_ballot'
      ? 'household_ballot_notice'
      : 'meeting_invitation';

export function contactsRoutes(app: OfficialApp, deps: OfficialPagesDeps & { outbox?: OutboxReader | undefined }): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const contactsPage = async (
    c: Context<OfficialEnv>,
    status: number,
    rec: ConsultationRecord,
    more: Pick<Parameters<typeof ContactsPage>[0], 'problems' | 'uploaded' | 'pasted'> = {},
  ) => {
    const contacts = await listContacts(core, who(c), rec.consultation.id);
    const pasted = more.pasted !== undefined && more.pasted.length <= 16 * 1024 ? more.pasted : undefined;
    return page(
      c,
      status,
      <ContactsPage official={officialOf(who(c))!} consultation={rec.consultation} state={rec.state} contacts={contacts} {...more} pasted={pasted} />,
    );
  };

  app.get('/officials/c/:id/contacts', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    return contactsPage(c, 200, rec);
  });

  app.post('/officials/c/:id/contacts', contactsLimit, async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const csv = (await formFields(c)).get('csv') ?? '';
    const parsed = readContactsCsv(csv);
    if (parsed.problems.length > 0) return contactsPage(c, 400, rec, { problems: parsed.problems, pasted: csv });
    if (parsed.contacts.length === 0) return contactsPage(c, 400, rec, { problems: [{ vi: 'Không có hộ nào.', en: 'No household.' }], pasted: csv });
    const uploaded = await uploadContacts(core, who(c), rec.consultation.id, csv);
    return contactsPage(c, 200, rec, { uploaded });
  });

  app.post('/officials/c/:id/contacts/:rollId/opt-out', async (c) => {
    const id = consultationId(c);
    const rollId = RollId.safeParse(c.req.param('rollId'));
    if (!rollId.success) throw new DomainError('not_found', 'no such household');
    const optedOut = (await formFields(c)).get('optedOut') !== 'false';
    await setContactOptOut(core, who(c), id, rollId.data, optedOut);
    return c.redirect(`/officials/c/${id}/contacts`, 303);
  });

  const noticesPage = async (c: Context<OfficialEnv>, status: number, rec: ConsultationRecord, more: Partial<Parameters<typeof NoticesPage>[0]> = {}) => {
    const kind = more.kind ?? noticeKind(c.req.query('kind'), rec);
    const outbox = deps.outbox ? await deps.outbox(rec.consultation.id) : undefined;
    const round = await noticesOfRound(core, who(c), rec.consultation.id, kind);
    return page(
      c,
      status,
      <NoticesPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        state={rec.state}
        kind={kind}
        text={more.text ?? round.draft}
        canSend={core.notifier !== undefined && core.contacts !== undefined}
        sent={more.sent}
        problem={more.problem}
        outbox={outbox}
        timing={round.timing}
        log={round.sent}
      />,
    );
  };

  app.get('/officials/c/:id/notices', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    return noticesPage(c, 200, rec);
  });

  app.post('/officials/c/:id/notices', async (c) => {
    const { rec } = await loadForOfficial(core, who(c), consultationId(c));
    const form = await formFields(c);
    const kind = noticeKind(form.get('kind'), rec);
    const text = form.get('text') ?? '';
    try {
      const log = await sendInvitation(core, who(c), rec.consultation.id, kind, text);
      return noticesPage(c, 200, rec, { kind, text, sent: log });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request') {
        return noticesPage(c, 400, rec, { kind, text, problem: { vi: err.vi ?? 'Không gửi được.', en: err.message } });
      }
      throw err;
    }
  });
}
