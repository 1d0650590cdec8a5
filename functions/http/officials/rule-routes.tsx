/**
 * The officials' pages of a community rule (../../core/rule-processes.ts, ../../core/rule-adoption.ts): the form that
 * creates a round (`/officials/rules/new`), and a rule's page at `/officials/processes/<id>` (the checklist, the
 * facts, a form per step not yet recorded; any other process falls through to ./process-routes.tsx). Each form is
 * validated with zod and calls one use case, then back to the checklist (303).
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../../shared/errors.ts';
import { vietnamDate } from '../../../shared/working-days.ts';
import { StaffFrame } from '../../../web/officials/frame.tsx';
import { Bi } from '../../../web/officials/parts.tsx';
import { ChecklistView } from '../../../web/process/checklist-view.tsx';
import { RuleFacts } from '../../../web/process/rule-facts.tsx';
import { CreateRuleForm, RuleStepForms } from '../../../web/process/rule-forms.tsx';
import { processOf } from '../../core/processes.ts';
import { recordSignatures, recordVote, SignaturesBody, VoteBody } from '../../core/rule-adoption.ts';
import {
  addTranslation,
  CommentsBody,
  CreateRuleBody,
  createRule,
  DraftBody,
  RuleStepBody,
  RuleTeamBody,
  recordComments,
  recordDraft,
  recordRuleStep,
  recordRuleTeam,
  rulesInForce,
  TranslationBody,
} from '../../core/rule-processes.ts';
import { formFields, page } from '../pages/respond.ts';
import type { OfficialApp, OfficialEnv, OfficialPagesDeps } from './env.ts';
import { linesOf } from './process-routes.tsx';
import { formBody } from './record-sent-routes.tsx';
import { officialOf } from './respond.tsx';

/** A rule's text is longer than a resident's form: up to 256 KiB. */
const textLimit = bodyLimit({
  maxSize: 256 * 1024,
  onError: () => {
    throw new DomainError('payload_too_large');
  },
});

const intOf = (v: string | null): number | string => {
  const s = (v ?? '').replace(/\./g, '').trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : s;
};
const optional = (v: string | null) => (v && v.trim() !== '' ? v : undefined);
const key = (s: string) => s.trim().normalize('NFC').toLocaleLowerCase('vi');

/** The creating form's fields as the body of `createRule`. */
function createBodyOf(f: URLSearchParams) {
  return formBody(CreateRuleBody, {
    hamlet: f.get('hamlet') ?? '',
    meeting: f.get('meeting') ?? '',
    on: f.get('on') ?? '',
    reference: optional(f.get('reference')),
    title: f.get('title') ?? '',
    round: f.get('round') ?? '',
    ruleOf: optional(f.get('ruleOf')),
    until: optional(f.get('until')),
    proposal: f.get('proposal') ?? '',
    initiativeId: optional(f.get('initiativeId')),
    postingDays: intOf(f.get('postingDays')),
    hasElders: f.get('hasElders') === 'yes',
    minorityLanguages: linesOf(f.get('minorityLanguages')),
  });
}

/** The team's form: the members, which of them are elders, and who speaks each of the community's languages. */
function teamBodyOf(f: URLSearchParams, languages: readonly string[]) {
  const elders = new Set(linesOf(f.get('elders')).map(key));
  const speaks = languages.map((language, i) => ({ language, names: new Set(linesOf(f.get(`speaks.${i}`)).map(key)) }));
  const members = linesOf(f.get('members')).map((name) => ({
    name,
    elder: elders.has(key(name)),
    languages: speaks.filter((s) => s.names.has(key(name))).map((s) => s.language),
  }));
  return formBody(RuleTeamBody, { on: f.get('on') ?? '', reference: optional(f.get('reference')), members });
}

function voteBodyOf(f: URLSearchParams) {
  return formBody(VoteBody, {
    on: f.get('on') ?? '',
    method: f.get('method') ?? '',
    households: intOf(f.get('households')),
    ...(f.get('present') !== null ? { present: intOf(f.get('present')) } : {}),
    yes: intOf(f.get('yes')),
    rounds: linesOf(f.get('rounds')),
    text: optional(f.get('text')),
  });
}

export function ruleRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const back = (c: Context<OfficialEnv>, id: string) => c.redirect(`/officials/processes/${id}#steps`, 303);
  const idOf = (c: Context<OfficialEnv>) => c.req.param('pid') ?? '';

  app.get('/officials/rules/new', async (c) => {
    const rules = await rulesInForce(core, who(c));
    return page(
      c,
      200,
      <StaffFrame role="official" title="Hương ước, quy ước" who={officialOf(who(c))}>
        <p>
          <a href="/officials/processes">
            ← <Bi vi="Các quy trình theo luật" en="The law's processes" />
          </a>
        </p>
        <h1>
          <Bi vi="Hương ước, quy ước" en="Community rules" />
        </h1>
        <CreateRuleForm today={vietnamDate(core.clock.now())} rules={rules.map((r) => ({ id: r.id, title: r.rule.title, hamlet: r.hamlet }))} />
      </StaffFrame>,
    );
  });

  app.post('/officials/rules', textLimit, async (c) => {
    const record = await createRule(core, who(c), createBodyOf(await formFields(c)));
    return back(c, record.id);
  });

  app.get('/officials/processes/:pid', async (c, next) => {
    const v = await processOf(core, who(c), idOf(c));
    const r = v.record;
    if (r.kind !== 'community_rule' || !r.rule) return next();
    const facts = { ...r, rule: r.rule };
    return page(
      c,
      200,
      <ChecklistView role="official" who={officialOf(who(c))} kind={r.kind} hamlet={r.hamlet} meeting={r.meeting} rows={v.rows} back="/officials/processes">
        <RuleFacts
          record={facts}
          roundHref={(id) => `/officials/c/${id}`}
          processHref={(id) => `/officials/processes/${id}`}
          copyHref={r.rule.copy ? core.publisher.url(r.rule.copy.file) : undefined}
        />
        <RuleStepForms record={facts} today={vietnamDate(core.clock.now())} />
      </ChecklistView>,
    );
  });

  ruleStepRoutes(app, deps);
}

/** The forms of the steps, each posting to `/officials/rules/<id>/<step>` and back to the checklist. */
function ruleStepRoutes(app: OfficialApp, deps: OfficialPagesDeps): void {
  const { core } = deps;
  const who = (c: Context<OfficialEnv>) => c.get('official');
  const back = (c: Context<OfficialEnv>, id: string) => c.redirect(`/officials/processes/${id}#steps`, 303);
  const idOf = (c: Context<OfficialEnv>) => c.req.param('pid') ?? '';
  const post = (path: string, act: (c: Context<OfficialEnv>, id: string, f: URLSearchParams) => Promise<unknown>) =>
    app.post(`/officials/rules/:pid/${path}`, textLimit, async (c) => {
      const id = idOf(c);
      await act(c, id, await formFields(c));
      return back(c, id);
    });

  post('team', async (c, id, f) => {
    const v = await processOf(core, who(c), id);
    await recordRuleTeam(core, who(c), id, teamBodyOf(f, v.record.rule?.community.minorityLanguages ?? []));
  });
  post('draft', (c, id, f) =>
    recordDraft(
      core,
      who(c),
      id,
      formBody(DraftBody, {
        on: f.get('on') ?? '',
        reference: optional(f.get('reference')),
        text: f.get('text') ?? '',
        consultation: optional(f.get('consultation')),
      }),
    ),
  );
  post('comments', (c, id, f) =>
    recordComments(
      core,
      who(c),
      id,
      formBody(CommentsBody, { on: f.get('on') ?? '', received: intOf(f.get('received')), summary: f.get('summary') ?? '', answers: f.get('answers') ?? '' }),
    ),
  );
  post('step', (c, id, f) =>
    recordRuleStep(core, who(c), id, formBody(RuleStepBody, { step: f.get('step') ?? '', on: f.get('on') ?? '', reference: optional(f.get('reference')) })),
  );
  post('vote', (c, id, f) => recordVote(core, who(c), id, voteBodyOf(f)));
  post('signatures', (c, id, f) =>
    recordSignatures(
      core,
      who(c),
      id,
      formBody(SignaturesBody, {
        on: f.get('on') ?? '',
        villageHead: f.get('villageHead') ?? '',
        frontHead: f.get('frontHead') ?? '',
        households: linesOf(f.get('households')),
      }),
    ),
  );
  post('translation', (c, id, f) =>
    addTranslation(
      core,
      who(c),
      id,
      formBody(TranslationBody, { on: f.get('on') ?? '', language: f.get('language') ?? '', lang: (f.get('lang') ?? '').trim(), text: f.get('text') ?? '' }),
    ),
  );
}
