/**
 * Voting in api.md: opening (the codes of an online round, the slip serials of a household-ballot round), the
 * online-vote conditions, codes reissued, paper entries (by household in an online round, by serial for slips),
 * returned slips ticked off, closing.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { OnlineCondition } from '../../../shared/matters.ts';
import { OpinionsBody } from '../../../shared/opinions.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { CloseRequester } from '../../core/ports.ts';
import { closeAndPublish } from '../../core/publishing.ts';
import { loadForOfficial } from '../../core/access.ts';
import { codeSlips, sealSlips, type CodeSlip } from '../../core/code-slips.ts';
import { enterSlip, slipCounts, tickReturn } from '../../core/paper.ts';
import { trackingCodeStatus } from '../../core/receipts.ts';
import { Answers, Hex64, RollId, Serial } from '../../../shared/schemas.ts';
import { castOnline, enterPaperBallot, openVoting, receiptStatus, recordOnlineCondition, reissueCode, withdrawPaperBallot } from '../../core/voting.ts';
import * as S from '../api-schemas.ts';
import { deadlineOf } from '../deadline.ts';
import { defineRoute, idParam, resource } from './route.ts';
import { notFromAnotherSite } from '../middleware/cross-site.ts';
import { bearerToken } from '../middleware/bearer-principal.ts';

const byId = { id: idParam };

/** Codes in one JSON answer: about 60 bytes each, so 5,000 are some 300 KB. */
export const CODES_IN_ANSWER = 5_000;

const codesOf = (slips: readonly CodeSlip[]) => slips.flatMap((s) => (s.code ? [{ household: s.household, code: s.code }] : []));
const credentialsPage = (id: string, page: number, hamlet?: string) =>
  `/api/consultations/${id}/credentials?page=${page}${hamlet !== undefined ? `&hamlet=${encodeURIComponent(hamlet)}` : ''}`;

/** api.md: an online round answers with the codes, a household-ballot round with the slips' serials, a meeting with neither. */
const OpenResponse = S.OpenResponse.extend({ credentials: S.OpenResponse.shape.credentials.optional(), serials: z.array(Serial).optional() });
/** Departure from api.md: a roll too large to open in one call answers 202 with the progress; the same call goes on. */
const OpeningResponse = z.object({ state: z.literal('opening'), progress: z.object({ written: z.int(), total: z.int() }) });
const SlipBody = z.strictObject({ serial: Serial, answers: Answers, opinions: OpinionsBody.optional() });
/** A slip by its serial (household ballots, a meeting's secret ballot), or in an online round a household's paper ballot. */
const PaperBody = z.union([SlipBody, S.PaperBallotBody]);
const PaperResponse = z.union([z.object({ receipt: Hex64, serial: Serial }), S.BallotResponse]);
const ReturnBody = z.strictObject({ household: RollId });
const ReturnResponse = z.object({ household: z.string(), returned: z.literal(true) });
/** Why voting closes before its planned time (checked by the use case: 5 to 500 characters, no control characters). */
const CloseBody = z.strictObject({ reason: z.string().max(4000) });
const SlipCountsResponse = z.object({ issued: z.int(), returned: z.int(), entered: z.int(), reconciled: z.boolean() });

export function votingApi(core: CoreDeps, closeRequester?: CloseRequester) {
  const closer: CloseRequester = closeRequester ?? { close: (official, _idToken, id, options) => closeAndPublish(core, official, id, 'manual', options) };
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/open',
        summary:
          'Freeze the roll and open voting: an online round makes one voting code per household (shown once), a household-ballot round one slip serial per household (linked to none), a meeting neither. The body is optional: {"override": {"reason"}} opens before the disclosure period is over',
        auth: 'official',
        params: byId,
        body: S.OpenBody,
        bodyOptional: true,
        responses: { 200: OpenResponse, 202: OpeningResponse },
      },
      async ({ params, who, body }, c) => {
        const opened = await openVoting(core, who, params.id, { ...(body ?? {}), deadline: deadlineOf(c) });
        // A roll too large for one call (on Lambda's 29 s): the same call again goes on where this one stopped.
        if (opened.state === 'opening') {
          c.header('Retry-After', '0');
          return c.json({ state: opened.state, progress: opened.progress }, 202);
        }
        if (opened.method === 'household_ballot') return c.json({ state: opened.state, serials: opened.serials }, 200);
        if (opened.method === 'meeting') return c.json({ state: opened.state }, 200);
        if (opened.credentials.length <= CODES_IN_ANSWER) return c.json({ state: opened.state, credentials: opened.credentials }, 200);
        // The codes are in the order of the pages that follow (by hamlet, then roll id).
        const first = await codeSlips(core, who, params.id, { page: 1, perPage: CODES_IN_ANSWER });
        return c.json({ state: opened.state, credentials: codesOf(first.slips), next: credentialsPage(params.id, 2) }, 200);
      },
    ),
    ...credentialRoutes(core),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/online-conditions',
        summary:
          'Record one of the Decree 59/2023 Art. 5 conditions of an online vote (leaders agreed, reported to UBND xã and UBMTTQ xã, the online team, a poll of more than half of all households, the devices); audit-logged and published with the result',
        auth: 'official',
        params: byId,
        body: OnlineCondition,
        responses: { 201: S.OnlineConditionResponse },
      },
      async ({ params, who, body }, c) => c.json(await recordOnlineCondition(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/credentials/{household}/reissue',
        summary: "Replace a household's voting code",
        auth: 'official',
        params: { id: idParam, household: S.HouseholdParam },
        responses: { 200: S.ReissueResponse },
      },
      async ({ params, who }, c) => c.json(await reissueCode(core, who, params.id, params.household), 200),
    ),
    ...paperRoutes(core),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/paper-ballots/{receipt}/withdraw',
        summary: "Undo a paper ballot entry while it is still the household's ballot; the ballot it replaced counts again (audit-logged)",
        auth: 'official',
        params: { id: idParam, receipt: S.ReceiptParam },
        body: S.WithdrawBody,
        responses: { 200: S.WithdrawResponse },
      },
      async ({ params, who, body }, c) => c.json(await withdrawPaperBallot(core, who, params.id, body.household, params.receipt), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/close',
        summary:
          'Close voting, tally, sign and publish. The body is optional: {"reason"} (5 to 500 characters) says why voting closes before closesAt; an early close is recorded in the closed event, with the reason when given, and published',
        auth: 'official',
        params: byId,
        body: CloseBody,
        bodyOptional: true,
        responses: { 200: S.CloseResponse },
      },
      async ({ params, who, body }, c) => {
        // 403/404 are decided here, before anything is invoked.
        const { official } = await loadForOfficial(core, who, params.id);
        return c.json(await closer.close(official, bearerToken(c), params.id, body?.reason !== undefined ? { earlyReason: body.reason } : {}), 200);
      },
    ),
  ]);
}

/** The codes of an online round drawn again page by page, and the slips sealed after printing (core/code-slips.ts). */
function credentialRoutes(core: CoreDeps) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/credentials',
        summary:
          'A page of the voting codes of an online round, drawn again from its sealed slip key while voting is open and the slips are not sealed (409 after); audit-logged. A household whose code was reissued is left out',
        auth: 'official',
        params: byId,
        query: S.CredentialsQuery,
        responses: { 200: S.CredentialsPage },
      },
      async ({ params, who, query }, c) => {
        const slips = await codeSlips(core, who, params.id, { page: query.page, hamlet: query.hamlet, perPage: CODES_IN_ANSWER });
        const next = slips.page < slips.pages ? { next: credentialsPage(params.id, slips.page + 1, query.hamlet) } : {};
        return c.json({ credentials: codesOf(slips.slips), page: slips.page, pages: slips.pages, ...next }, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/credentials/seal',
        summary: 'After printing: drop the slip key for good, so no code can be shown again (a lost slip means a reissued code); audit-logged',
        auth: 'official',
        params: byId,
        responses: { 200: z.object({ sealed: z.literal(true) }) },
      },
      async ({ params, who }, c) => c.json(await sealSlips(core, who, params.id), 200),
    ),
  ];
}

/** Paper entries: slips by serial (or a household's paper ballot in an online round) and returns ticked off. */
function paperRoutes(core: CoreDeps) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/paper-ballots',
        summary:
          'Enter one paper slip by its serial (household ballots; secret ballot at a meeting, at most one per household present): 409 duplicate_serial, 400 for a serial never issued. In an online round, a paper ballot for a household. Audit-logged',
        auth: 'official',
        params: byId,
        body: PaperBody,
        responses: { 201: PaperResponse },
      },
      async ({ params, who, body }, c) =>
        c.json('serial' in body ? await enterSlip(core, who, params.id, body) : await enterPaperBallot(core, who, params.id, body), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/returns',
        summary: 'Tick off a household whose slip came back (household ballots; 409 if already ticked; audit-logged)',
        auth: 'official',
        params: byId,
        body: ReturnBody,
        responses: { 201: ReturnResponse },
      },
      async ({ params, who, body }, c) => c.json(await tickReturn(core, who, params.id, body.household), 201),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/slips',
        summary: 'Paper slips: issued, ticked off as returned, entered; the close needs returned = entered',
        auth: 'official',
        params: byId,
        responses: { 200: SlipCountsResponse },
      },
      async ({ params, who }, c) => c.json(await slipCounts(core, who, params.id), 200),
    ),
  ];
}

/** A household's own acts with its code: casting, and checking a receipt. */
export function ballotsApi(core: CoreDeps, clientIp: (c: Context) => string) {
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/ballots',
        summary:
          "Cast or replace a household's ballot with its voting code; the answer adds `receiptSignature`, the receipt signed by the API's receipt key (keys/receipt-jwks.json)",
        params: byId,
        body: S.BallotBody,
        responses: { 201: S.BallotResponse },
      },
      async ({ params, body }, c) => {
        notFromAnotherSite(c, () => core.publisher.url(''));
        return c.json(await castOnline(core, params.id, body, clientIp(c)), 201);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/receipts/{receipt}',
        summary: 'Whether a ballot receipt is counted or was replaced',
        params: { id: idParam, receipt: S.ReceiptParam },
        responses: { 200: S.ReceiptResponse },
      },
      async ({ params }, c) => c.json(await receiptStatus(core, params.id, params.receipt), 200),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/receipts/by-code/{code}',
        summary: 'The ballot a tracking code (the first 10 or more hex characters of its receipt) names, and its status',
        params: { id: idParam, code: S.TrackingCodeParam },
        responses: { 200: S.TrackingCodeResponse },
      },
      async ({ params }, c) => c.json(await trackingCodeStatus(core, params.id, params.code), 200),
    ),
  ]);
}
