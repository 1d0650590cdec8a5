/**
 * The authorization matrix: every route of the OpenAPI document and every page of the officials', monitors' and
 * commune's sites, against every principal (nobody, and each staff role of the round's commune and of another), on
 * rounds in each state. Nothing answers 500; nobody of another commune, and nobody signed out, gets in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  onlineConsultation,
  type PrincipalName,
  principalTokens,
  recordOnlineConditions,
  roadConsultation,
  rollCsv,
  STAFF_PRINCIPALS,
  testSystem,
} from '../support/system.ts';

type Sys = Awaited<ReturnType<typeof testSystem>>;
type Role = 'official' | 'monitor' | 'commune';
type Reply = { status: number; text: string; json: any; headers: Headers };
interface ApiRoute {
  method: string;
  path: string;
  role: Role | undefined;
  types: string[];
}

const ORIGIN = 'http://localhost';
/** What a stack trace or an internal name looks like in a body. */
const LEAK = /\bat \S+ \(|node_modules|\b(Domain|Zod|Type|Reference|Syntax|Range)Error\b|ConditionalCheckFailed|ValidationException|\.tsx?:\d+/;
const PRINCIPALS: PrincipalName[] = ['anonymous', 'official', 'otherOfficial', 'monitor', 'otherMonitor', 'commune', 'otherCommune'];
const STATES = ['draft', 'disclosure', 'voting', 'meeting', 'published'] as const;
type State = (typeof STATES)[number];
const SITES: Record<Role, string> = { official: '/officials', monitor: '/monitors', commune: '/commune' };
/** Ids a path may name besides the round's: well formed, of nothing that exists. */
const SUB_IDS: Record<string, string> = {
  sha256: 'a'.repeat(64),
  household: 'H-001',
  receipt: 'b'.repeat(64),
  commentId: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  opinionId: 'c'.repeat(32),
  complaintId: '01JABCDEFGHJKMNPQRSTVWXYZ2',
  groupId: '01JABCDEFGHJKMNPQRSTVWXYZ3',
};
/**
 * Pages of steps the rounds here do not reach: the slips of household ballots, the contributions of an adopted
 * contribution, the signing of recorded minutes.
 */
const LATER_STEPS = new Set(['/officials/c/:id/slips', '/officials/c/:id/contributions', '/officials/c/:id/minutes/sign']);
/** Pages anyone may reach (signing in and out, the bare path, the signing script). */
const openPage = (path: string) => /^\/(officials|monitors|commune)(\/login(\/start|\/callback)?|\/assets\/sign\.js)?$/.test(path);

const roleOf = (p: PrincipalName): Role | undefined => (p === 'anonymous' ? undefined : STAFF_PRINCIPALS[p].role);
const ofThisCommune = (p: PrincipalName) => p === 'official' || p === 'monitor' || p === 'commune';
const safe = (method: string) => method === 'get';

/** api.md's error shape, with no trace or internal name in it. */
const errorShaped = (r: Reply) => typeof r.json?.error?.code === 'string' && typeof r.json?.error?.message === 'string' && !LEAK.test(r.text);
/** How an act is refused to someone it is not for (its body may be refused before the principal is). */
const REFUSED = [400, 403, 404, 409, 415];

/**
 * Bodies the round's own official sends successfully (the setup below): sent by anyone else, the act is refused for
 * who sends it, not for what the body says.
 */
const VALID: Record<string, { body: string; type: string }> = {
  'put /api/consultations/{id}': { body: JSON.stringify(onlineConsultation()), type: 'application/json' },
  'put /api/consultations/{id}/roll': { body: rollCsv(2), type: 'text/csv' },
  'post /api/consultations/{id}/online-conditions': {
    body: JSON.stringify({ condition: 'devices', date: '2026-12-01', reference: 'Biên bản số 01/BB' }),
    type: 'application/json',
  },
  'post /api/consultations/{id}/paper-ballots': { body: JSON.stringify({ household: 'H-001', answers: { q1: 'yes' } }), type: 'application/json' },
  'post /api/consultations/{id}/attendance': { body: JSON.stringify({ household: 'H-001' }), type: 'application/json' },
  'post /api/consultations/{id}/voting-method': { body: JSON.stringify({ voting: 'show_of_hands' }), type: 'application/json' },
};

/** A body each route accepts in form (the matrix asks who gets in, not what the body says). */
function sampleBody(route: ApiRoute): { body?: string; type?: string } {
  const valid = VALID[`${route.method} ${route.path}`];
  if (valid) return valid;
  if (route.types.includes('application/json')) return { body: '{}', type: 'application/json' };
  if (route.types.includes('text/csv')) return { body: rollCsv(2), type: 'text/csv' };
  if (route.types.includes('application/jose')) return { body: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln', type: 'application/jose' };
  if (route.types.includes('application/pdf')) return { body: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' };
  return {};
}

describe('the authorization matrix', () => {
  let s: Sys;
  let tokens: Record<PrincipalName, string>;
  const api: ApiRoute[] = [];
  let pages: { role: Role; path: string }[] = [];
  const rounds = {} as Record<State, string>;
  let processId = '';
  let initiativeId = '';
  /** Every answer, by route, principal and state. */
  const answers: { route: string; role: Role | undefined; principal: PrincipalName; state: State | '-'; status: number; reply: Reply }[] = [];

  const call = async (method: string, path: string, who: PrincipalName, opts: { body?: string; type?: string; page?: boolean } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { origin: ORIGIN };
    if (tokens[who]) {
      if (opts.page) headers.cookie = `danban_session=${tokens[who]}`;
      else headers.authorization = `Bearer ${tokens[who]}`;
    }
    if (opts.type) headers['content-type'] = opts.type;
    const res = await s.app.request(path, { method, headers, ...(opts.body !== undefined ? { body: opts.body } : {}) });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  };

  beforeAll(async () => {
    s = await testSystem('authz-matrix');
    tokens = await principalTokens(s);
    const official = tokens.official;
    const ok = async (r: Promise<{ status: number; text: string; json: any }>, status: number, what: string) => {
      const got = await r;
      if (got.status !== status) throw new Error(`${what}: ${got.status} ${got.text}`);
      return got.json;
    };
    // The officials' own acts succeed for them: creating, the roll, the conditions, disclosing, opening, paper entry, closing.
    const online = async (upTo: State) => {
      const id = (await ok(s.call('POST', '/api/consultations', { token: official, body: onlineConsultation() }), 201, 'create')).id as string;
      // A draft with its roll, as one about to be disclosed (disclosing an empty roll is refused, so its page would be a 409).
      await ok(s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' }), 200, 'roll');
      if (upTo === 'draft') return id;
      await recordOnlineConditions(s.call, official, id, 4);
      await ok(s.call('POST', `/api/consultations/${id}/disclose`, { token: official }), 200, 'disclose');
      if (upTo === 'disclosure') return id;
      await ok(s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200, 'open');
      await ok(
        s.call('POST', `/api/consultations/${id}/paper-ballots`, { token: official, body: { household: 'H-002', answers: { q1: 'yes' } } }),
        201,
        'paper',
      );
      if (upTo === 'voting') return id;
      const closed = await ok(s.call('POST', `/api/consultations/${id}/close`, { token: official }), 200, 'close');
      expect(closed.state).toBe('published');
      return id;
    };
    const meeting = async () => {
      const id = (await ok(s.call('POST', '/api/consultations', { token: official, body: roadConsultation() }), 201, 'create road')).id as string;
      await ok(s.call('PUT', `/api/consultations/${id}/roll`, { token: official, body: rollCsv(4), type: 'text/csv' }), 200, 'road roll');
      await ok(s.call('POST', `/api/consultations/${id}/disclose`, { token: official }), 200, 'road disclose');
      await ok(s.call('POST', `/api/consultations/${id}/open`, { token: official }), 200, 'road open');
      return id;
    };
    [rounds.draft, rounds.disclosure, rounds.voting, rounds.published, rounds.meeting] = await Promise.all([
      online('draft'),
      online('disclosure'),
      online('voting'),
      online('published'),
      meeting(),
    ]);
    // A process (a village-head election) for the pages under `:pid`.
    const created = await call('POST', '/officials/processes', 'official', {
      page: true,
      type: 'application/x-www-form-urlencoded',
      body: 'hamlet=Th%C3%B4n+%C4%90%C3%B4ng&meeting=2027-03-01',
    });
    processId = /\/officials\/processes\/([0-9A-Z]{26})/.exec(created.headers.get('location') ?? '')?.[1] ?? '';
    // A citizens' initiative on the voting round's roll, for the pages under `:iid`.
    const proposal = {
      rollFrom: rounds.voting,
      matter: 'other_self_managed',
      title: 'Sân bóng',
      text: 'Làm sân bóng.',
      proposer: 'Hộ H-001',
      proposedOn: '2026-12-01',
    };
    const initiative = await call('POST', '/officials/initiatives', 'official', {
      page: true,
      type: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(proposal).toString(),
    });
    initiativeId = /\/officials\/initiatives\/([0-9A-Z]{26})/.exec(initiative.headers.get('location') ?? '')?.[1] ?? '';

    const doc = (await call('GET', '/api/openapi.json', 'anonymous')).json;
    for (const [path, ops] of Object.entries<any>(doc.paths))
      for (const [method, op] of Object.entries<any>(ops)) api.push({ method, path, role: op['x-role'], types: Object.keys(op.requestBody?.content ?? {}) });
    pages = s.app.routes
      .filter((r) => r.method === 'GET' && /^\/(officials|monitors|commune)(\/|$)/.test(r.path))
      .map((r) => ({ role: Object.entries(SITES).find(([, base]) => r.path.startsWith(base))![0] as Role, path: r.path }));
    pages = pages.filter((p, i) => pages.findIndex((q) => q.path === p.path) === i);
  }, 120_000);
  afterAll(() => s.cleanup());

  it('covers every route the app registers: the API by its OpenAPI document, the staff sites by their GET pages', () => {
    const documented = new Set(api.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const registered = s.app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const undocumented = registered.filter((r) => !documented.has(r) && r !== 'GET /api/openapi.json' && r !== 'GET /api/health');
    expect(undocumented).toEqual([]);
    expect(api.length).toBeGreaterThan(40);
    for (const role of ['official', 'monitor', 'commune'] as const) {
      expect(pages.some((p) => p.role === role && p.path.includes('/c/:id'))).toBe(true);
      expect(api.some((r) => r.role === role)).toBe(true);
    }
    // The route table the other tests walk is the app's own: a page added to a staff site is in it.
    expect(pages.map((p) => p.path)).toContain('/officials/c/:id/roll');
    expect(pages.map((p) => p.path)).toContain('/monitors/c/:id');
    expect(pages.map((p) => p.path)).toContain('/commune/c/:id');
  });

  it('answers every API route for every principal in every state without 500, and never lets a stranger in', async () => {
    const cases: (() => Promise<void>)[] = [];
    for (const route of api)
      for (const principal of PRINCIPALS)
        for (const state of route.path.includes('{id}') ? STATES : (['-'] as const)) {
          // The right principal's own acts change the round (the setup above makes them succeed); here only its reads.
          const own = route.role !== undefined && roleOf(principal) === route.role && ofThisCommune(principal);
          if (!safe(route.method) && (own || route.role === undefined)) continue;
          const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'id' ? rounds[state as State] : SUB_IDS[name]!));
          cases.push(async () => {
            const reply = await call(route.method.toUpperCase(), path, principal, safe(route.method) ? {} : sampleBody(route));
            answers.push({ route: `${route.method.toUpperCase()} ${route.path}`, role: route.role, principal, state, status: reply.status, reply });
          });
        }
    for (let i = 0; i < cases.length; i += 24) await Promise.all(cases.slice(i, i + 24).map((c) => c()));
    const apiAnswers = answers.filter((a) => a.route.includes(' /api/'));
    expect(apiAnswers.length).toBe(cases.length);
    // A read, an act without a body, or one with a valid body: refused exactly, for who asks.
    const precise = (a: (typeof answers)[number]) => {
      const route = api.find((r) => `${r.method.toUpperCase()} ${r.path}` === a.route)!;
      return safe(route.method) || route.types.length === 0 || `${route.method} ${route.path}` in VALID;
    };
    const problems: string[] = [];
    const want = (ok: boolean, a: (typeof answers)[number], what: string) => {
      if (!ok) problems.push(`${a.route} as ${a.principal} on ${a.state}: ${a.status} (${what}) ${a.reply.text.slice(0, 160)}`);
    };
    for (const a of apiAnswers) {
      want(a.status < 500, a, 'never 500');
      if (a.status >= 400) want(errorShaped(a.reply), a, 'the error shape, no trace');
      if (a.role === undefined) continue;
      const read = a.route.startsWith('GET ');
      // Signed out: refused before anything else is looked at.
      if (a.principal === 'anonymous') want(a.status === 401, a, '401');
      // Another commune: a read is forbidden, or (a draft) not found; an act is refused too, perhaps for its body first.
      else if (!ofThisCommune(a.principal)) want(precise(a) ? [403, 404].includes(a.status) : REFUSED.includes(a.status), a, 'refused');
      // This commune, another role: refused, but an official may read what the monitors read.
      else if (roleOf(a.principal) !== a.role && !(a.role === 'monitor' && a.principal === 'official' && read)) want(REFUSED.includes(a.status), a, 'refused');
    }
    // Each role's reads succeed for the right principal in at least one state.
    for (const route of api.filter((r) => r.role && safe(r.method))) {
      const mine = apiAnswers.filter((a) => a.route === `GET ${route.path}` && a.principal === route.role);
      if (!mine.some((a) => a.status >= 200 && a.status < 300))
        problems.push(`GET ${route.path} as ${route.role}: never 2xx (${mine.map((a) => `${a.state} ${a.status}`).join(', ')})`);
    }
    expect(problems).toEqual([]);
  }, 150_000);

  it('shows every staff page only to its own role of the round’s commune, and sends everyone else away', async () => {
    const cases: (() => Promise<void>)[] = [];
    for (const page of pages)
      for (const principal of PRINCIPALS)
        for (const state of page.path.includes(':id') ? STATES : (['-'] as const)) {
          const path = page.path
            .replace(':id', state === '-' ? '' : rounds[state])
            .replace(':pid', processId)
            .replace(':iid', initiativeId);
          cases.push(async () => {
            const reply = await call('GET', path, principal, { page: true });
            answers.push({ route: `PAGE ${page.path}`, role: page.role, principal, state, status: reply.status, reply });
          });
        }
    for (let i = 0; i < cases.length; i += 24) await Promise.all(cases.slice(i, i + 24).map((c) => c()));
    const pageAnswers = answers.filter((a) => a.route.startsWith('PAGE '));
    expect(pageAnswers.length).toBe(cases.length);
    const problems: string[] = [];
    const want = (ok: boolean, a: (typeof answers)[number], what: string) => {
      if (!ok) problems.push(`${a.route.slice(5)} as ${a.principal} on ${a.state}: ${a.status} (${what})`);
    };
    for (const a of pageAnswers) {
      const path = a.route.slice(5);
      const html = /^text\/html/.test(a.reply.headers.get('content-type') ?? '');
      want(a.status < 500, a, 'never 500');
      if (a.status >= 400) want(html && !LEAK.test(a.reply.text), a, 'an HTML page, no trace');
      if (openPage(path)) continue;
      const base = SITES[a.role!];
      // No session: to the sign-in page.
      if (a.principal === 'anonymous') want(a.status === 303 && a.reply.headers.get('location') === `${base}/login`, a, 'to sign-in');
      // Another role's session: the refusal page.
      else if (roleOf(a.principal) !== a.role) want(a.status === 403, a, 'refusal page');
      // The same role of another commune: a forbidden or not-found page, with nothing of the round on it.
      else if (!ofThisCommune(a.principal) && path.includes(':id'))
        want([403, 404].includes(a.status) && !/Lắp đèn chiếu sáng|Bê tông hóa/.test(a.reply.text), a, 'forbidden or not found');
    }
    for (const page of pages.filter((p) => !openPage(p.path))) {
      const mine = pageAnswers.filter((a) => a.route === `PAGE ${page.path}` && a.principal === page.role);
      // A page for a later step than these rounds reach lets its own official in, and says the step is not yet (409).
      if (LATER_STEPS.has(page.path)) {
        if (!mine.every((a) => a.status === 409)) problems.push(`${page.path} as ${page.role}: ${mine.map((a) => `${a.state} ${a.status}`).join(', ')}`);
      } else if (!mine.some((a) => a.status === 200))
        problems.push(`${page.path} as ${page.role}: never 200 (${mine.map((a) => `${a.state} ${a.status}`).join(', ')})`);
    }
    expect(problems).toEqual([]);
  }, 150_000);

  it('tells how many cases it ran', () => {
    // The matrix is only as good as its size: every route against every principal, most of them in five states.
    expect(answers.length).toBeGreaterThan(1000);
    console.log(`authorization matrix: ${answers.length} route × principal × state cases`);
  });
});
