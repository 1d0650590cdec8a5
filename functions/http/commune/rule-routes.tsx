/**
 * UBND xã's page of a community rule (../../core/rule-adoption.ts) at `/commune/processes/<id>` (any other process
 * falls through to ./process-routes.tsx): the checklist, the round's facts, the form that recognises the rule or
 * answers with its reasons once the dossier has reached it (D61 Art. 11(3)(b)), and the upload of the scan of the
 * stamped decision, published on the rule's pages.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { DOCUMENT_MAX_BYTES } from '../../../shared/schemas.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { ChecklistTable, LateFlag, PROCESS_WORDS } from '../../../web/process/checklist-view.tsx';
import { RuleFacts } from '../../../web/process/rule-facts.tsx';
import { sniffMediaType } from '../../core/documents.ts';
import { processOf } from '../../core/processes.ts';
import { addRuleCopy, RuleRecognitionBody, recogniseRule } from '../../core/rule-adoption.ts';
import { formBody } from '../officials/record-sent-routes.tsx';
import { officialOf } from '../officials/respond.tsx';
import { formFields, formLimit, page } from '../pages/respond.ts';
import type { CommuneApp, CommuneEnv, CommunePagesDeps } from './env.ts';

/** This route only: one file of at most 4 MiB, with room for the multipart framing. */
const uploadLimit = bodyLimit({
  maxSize: DOCUMENT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

function RecognitionForm(props: { id: string; today: string }) {
  return (
    <form method="post" action={`/commune/processes/${props.id}/rule-recognition`} class="panel" id="recognise">
      <h2>
        <Bi vi="Quyết định của Ủy ban nhân dân cấp xã (Mẫu số 03)" en="UBND xã's decision (form 03)" />
      </h2>
      <label>
        <Bi vi="Quyết định" en="Decision" />
        <select name="outcome">
          <option value="recognised">Công nhận</option>
          <option value="refused">Không công nhận, trả lời bằng văn bản nêu rõ lý do</option>
        </select>
      </label>
      <label>
        <Bi vi="Ngày quyết định" en="Decided on" />
        <input type="date" name="on" value={props.today} required />
      </label>
      <label>
        <Bi vi="Số quyết định, văn bản" en="Decision number" />
        <input type="text" name="decision" maxlength={80} />
      </label>
      <label>
        <Bi vi="Lý do (khi không công nhận)" en="Reasons (when refused)" />
        <textarea name="reasons" rows={3}></textarea>
      </label>
      <button type="submit">
        <Bi vi="Ghi nhận quyết định" en="Record the decision" />
      </button>
    </form>
  );
}

function CopyForm(props: { id: string }) {
  return (
    <form method="post" action={`/commune/processes/${props.id}/rule-copy`} enctype="multipart/form-data" class="panel" id="copy">
      <h2>
        <Bi vi="Bản quét quyết định có đóng dấu" en="Scan of the stamped decision" />
      </h2>
      <label>
        <Bi vi="Tệp PDF, PNG hoặc JPEG (tối đa 4 MiB)" en="A PDF, PNG or JPEG file (at most 4 MiB)" />
        <input type="file" name="file" accept="application/pdf,image/png,image/jpeg" required />
      </label>
      <button type="submit">
        <Bi vi="Công bố bản quét" en="Publish the scan" />
      </button>
    </form>
  );
}

export function communeRuleRoutes(app: CommuneApp, deps: CommunePagesDeps): void {
  const { core } = deps;
  const who = (c: Context<CommuneEnv>) => c.get('commune');
  const idOf = (c: Context<CommuneEnv>) => c.req.param('pid') ?? '';

  app.get('/commune/processes/:pid', async (c, next) => {
    const v = await processOf(core, who(c), idOf(c));
    const r = v.record;
    if (r.kind !== 'community_rule' || !r.rule) return next();
    const title = `${PROCESS_WORDS[r.kind].vi} — ${r.hamlet}`;
    const sent = r.steps.some((s) => s.step === 'dossier_sent');
    return page(
      c,
      200,
      <StaffFrame role="commune" title={title} who={officialOf(who(c))} wide>
        <p>
          <a href="/commune/processes">
            ← <Bi vi="Quay lại" en="Back" />
          </a>
        </p>
        <h1>
          <Bi vi={title} en={PROCESS_WORDS[r.kind].en} />
        </h1>
        <LateFlag rows={v.rows} />
        <ChecklistTable rows={v.rows} />
        <RuleFacts
          record={{ ...r, rule: r.rule }}
          roundHref={(id) => `/commune/c/${id}`}
          processHref={(id) => `/commune/processes/${id}`}
          copyHref={r.rule.copy ? core.publisher.url(r.rule.copy.file) : undefined}
        />
        {sent && !r.recognition ? <RecognitionForm id={r.id} today={vietnamDate(core.clock.now())} /> : null}
        {r.recognition?.outcome === 'recognised' && !r.rule.copy ? <CopyForm id={r.id} /> : null}
      </StaffFrame>,
    );
  });

  app.post('/commune/processes/:pid/rule-recognition', formLimit, async (c) => {
    const id = idOf(c);
    const f = await formFields(c);
    const opt = (k: string) => ((f.get(k) ?? '').trim() ? { [k]: f.get(k) } : {});
    const body = formBody(RuleRecognitionBody, { outcome: f.get('outcome') ?? '', on: f.get('on') ?? '', ...opt('decision'), ...opt('reasons') });
    await recogniseRule(core, who(c), id, body);
    return c.redirect(`/commune/processes/${id}`, 303);
  });

  app.post('/commune/processes/:pid/rule-copy', uploadLimit, async (c) => {
    const id = idOf(c);
    // 403/404 before reading the form.
    await processOf(core, who(c), id);
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) throw new DomainError('unsupported_media_type', 'send the form');
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new DomainError('invalid_request', 'the form could not be read');
    }
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) throw new DomainError('invalid_request', 'no file chosen', [{ path: 'file', message: 'required' }]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const declared = file.type && file.type !== 'application/octet-stream' ? file.type : (sniffMediaType(bytes) ?? file.type);
    await addRuleCopy(core, who(c), id, { mediaType: declared, bytes });
    return c.redirect(`/commune/processes/${id}#facts`, 303);
  });
}
