/**
 * The minutes on the officials' pages (../../core/minutes.ts): the form of officers and place, drafting, and the
 * state of the signatures. A mistake in the form shows it again with the reason.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { Minutes, signatureStatus } from '../../../shared/minutes.ts';
import { fromUtf8 } from '../../../shared/bytes.ts';
import { MinutesFormPage, type MinutesFormValues } from '../../../web/officials/minutes-form-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { draftResultMinutes, MinutesBody } from '../../core/minutes.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { officialOf } from './respond.tsx';
import { instantToVnLocal, vnLocalToInstant } from './vietnam-time.ts';

const EMPTY: MinutesFormValues = { place: '', chairName: '', chairTitle: 'Trưởng thôn', secretaryName: '', secretaryTitle: 'Thư ký', frontName: '', frontOrganisation: 'Ban công tác Mặt trận thôn', from: '', to: '' };

export function minutesRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const show = async (c: Context<OfficialEnv>, status: number, values?: MinutesFormValues, problem?: string) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'published') throw new DomainError('wrong_state', `the minutes follow the published result; this consultation is ${rec.state}`);
    const bytes = await core.publisher.get(`c/${id}/minutes.json`);
    const minutes = bytes ? Minutes.parse(JSON.parse(fromUtf8(bytes))) : undefined;
    const log = await core.store.getAudit(id);
    const roles = [...new Set(log.filter((e) => e.action === 'minutes_signed').map((e) => String(e.data.role)))];
    const signatures = (await Promise.all(roles.map((r) => core.publisher.get(`c/${id}/minutes/${r}.jws`)))).flatMap((f) => (f ? [fromUtf8(f).trim()] : []));
    const signed = minutes ? (await signatureStatus(minutes, signatures)).signed.map((s) => s.role) : [];
    const fromMinutes: MinutesFormValues | undefined = minutes
      ? {
          place: minutes.place,
          chairName: minutes.chair.name,
          chairTitle: minutes.chair.title,
          secretaryName: minutes.secretary.name,
          secretaryTitle: minutes.secretary.title,
          frontName: minutes.frontRepresentative?.name ?? '',
          frontOrganisation: minutes.frontRepresentative?.organisation ?? EMPTY.frontOrganisation,
          from: rec.consultation.method === 'meeting' ? instantToVnLocal(minutes.time.from) : '',
          to: rec.consultation.method === 'meeting' ? instantToVnLocal(minutes.time.to) : '',
        }
      : undefined;
    return page(
      c,
      status,
      <MinutesFormPage
        official={officialOf(who(c))!}
        consultation={rec.consultation}
        values={values ?? fromMinutes ?? EMPTY}
        minutesUrl={minutes ? core.publisher.url(`c/${id}/minutes.html`) : undefined}
        signed={signed}
        locked={roles.length > 0}
        problem={problem}
      />,
    );
  };

  app.get('/officials/c/:id/minutes', (c) => show(c, 200));

  app.post('/officials/c/:id/minutes', formLimit, async (c) => {
    const fields = await formFields(c);
    const v = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, (fields.get(k) ?? '').normalize('NFC').trim()])) as unknown as MinutesFormValues;
    const from = vnLocalToInstant(v.from);
    const to = vnLocalToInstant(v.to);
    const parsed = MinutesBody.safeParse({
      place: v.place,
      chair: { name: v.chairName, title: v.chairTitle },
      secretary: { name: v.secretaryName, title: v.secretaryTitle },
      ...(v.frontName ? { frontRepresentative: { name: v.frontName, organisation: v.frontOrganisation } } : {}),
      ...(from && to ? { meeting: { from, to } } : {}),
    });
    if (!parsed.success) return show(c, 400, v, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      await draftResultMinutes(core, who(c), consultationId(c), parsed.data);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_request') return show(c, 400, v, err.details?.map((d) => `${d.path}: ${d.message}`).join('; ') ?? err.message);
      throw err;
    }
    return c.redirect(`/officials/c/${consultationId(c)}/minutes`, 303);
  });
}
