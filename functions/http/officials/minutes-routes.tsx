/**
 * The minutes on the officials' pages (../../core/minutes.ts): the form of officers and place, drafting, and the
 * state of the signatures; the chair and the secretary sign on the page of ./minutes-sign-routes.tsx. A mistake in
 * the form shows it again with the reason.
 */
import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { MinutesFormPage, type MinutesFormValues } from '../../../web/officials/minutes-form-page.tsx';
import { loadForOfficial } from '../../core/access.ts';
import { draftResultMinutes, MinutesBody } from '../../core/minutes.ts';
import { minutesState } from '../../core/minutes-state.ts';
import { consultationId, formFields, formLimit, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { minutesSignRoutes } from './minutes-sign-routes.tsx';
import { officialOf } from './respond.tsx';
import { instantToVnLocal, vnLocalToInstant } from './vietnam-time.ts';

const EMPTY: MinutesFormValues = {
  place: '',
  chairName: '',
  chairTitle: 'Trưởng thôn',
  secretaryName: '',
  secretaryTitle: 'Thư ký',
  frontName: '',
  frontOrganisation: 'Ban công tác Mặt trận thôn',
  from: '',
  to: '',
};

export function minutesRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');

  const show = async (c: Context<OfficialEnv>, status: number, values?: MinutesFormValues, problem?: string) => {
    const id = consultationId(c);
    const { rec } = await loadForOfficial(core, who(c), id);
    if (rec.state !== 'published') throw new DomainError('wrong_state', `the minutes follow the published result; this consultation is ${rec.state}`);
    const state = await minutesState(core, id);
    const minutes = state?.minutes;
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
        signed={state?.status.signed.map((s) => s.role) ?? []}
        missing={state?.status.missing ?? []}
        locked={state?.locked ?? false}
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
      if (err instanceof DomainError && err.code === 'invalid_request')
        return show(c, 400, v, err.details?.map((d) => `${d.path}: ${d.message}`).join('; ') ?? err.message);
      throw err;
    }
    return c.redirect(`/officials/c/${consultationId(c)}/minutes`, 303);
  });

  minutesSignRoutes(app, deps);
}
