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
import { enterSlip, slipCounts, tickReturn } from '../../core/paper.ts';
import { Answers, Hex64, RollId, Serial } from '../../../shared/schemas.ts';
import { castOnline, enterPaperBallot, openVoting, receiptStatus, recordOnlineCondition, reissueCode, withdrawPaperBallot } from '../../core/voting.ts';
import * as S from '../api-schemas.ts';
import { defineRoute, idParam, resource } from './route.ts';

const byId = { id: idParam };

/** api.md: an online round answers with the codes, a household-ballot round with the slips' serials, a meeting with neither. */
const OpenResponse = S.OpenResponse.extend({ credentials: S.OpenResponse.shape.credentials.optional(), serials: z.array(Serial).optional() });
const SlipBody = z.strictObject({ serial: Serial, answers: Answers, opinions: OpinionsBody.optional() });
/** A slip by its serial (household ballots, a meeting's secret ballot), or in an online round a household's paper ballot. */
const PaperBody = z.union([SlipBody, S.PaperBallotBody]);
const PaperResponse = z.union([z.object({ receipt: Hex64, serial: Serial }), S.BallotResponse]);
const ReturnBody = z.strictObject({ household: RollId });
const ReturnResponse = z.object({ household: z.string(), returned: z.literal(true) });
const SlipCountsResponse = z.object({ issued: z.int(), returned: z.int(), entered: z.int(), reconciled: z.boolean() });

export function votingApi(core: CoreDeps, closeRequester?: CloseRequester) {
  const closer: CloseRequester = closeRequester ?? { close: (official, id) => closeAndPublish(core, official, id, 'manual') };
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
        responses: { 200: OpenResponse },
      },
      async ({ params, who, body }, c) => {
        const opened = await openVoting(core, who, params.id, body ?? {});
        if (opened.method === 'household_ballot') return c.json({ state: opened.state, serials: opened.serials }, 200);
        if (opened.method === 'meeting') return c.json({ state: opened.state }, 200);
        return c.json({ state: opened.state, credentials: opened.credentials }, 200);
      },
    ),
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
        summary: 'Close voting, tally, sign and publish',
        auth: 'official',
        params: byId,
        responses: { 200: S.CloseResponse },
      },
      async ({ params, who }, c) => {
        // 403/404 are decided here, before anything is invoked.
        const { official } = await loadForOfficial(core, who, params.id);
        return c.json(await closer.close(official, params.id), 200);
      },
    ),
  ]);
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
        summary: "Cast or replace a household's ballot with its voting code",
        params: byId,
        body: S.BallotBody,
        responses: { 201: S.BallotResponse },
      },
      async ({ params, body }, c) => c.json(await castOnline(core, params.id, body, clientIp(c)), 201),
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
  ]);
}
