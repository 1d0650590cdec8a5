/** Voting in api.md: opening with the codes, the online-vote conditions, codes reissued, paper entries, closing. */
import type { Context } from 'hono';
import { OnlineCondition } from '../../../shared/matters.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { CloseRequester } from '../../core/ports.ts';
import { closeAndPublish } from '../../core/publishing.ts';
import { loadForOfficial } from '../../core/access.ts';
import { castOnline, enterPaperBallot, openVoting, receiptStatus, recordOnlineCondition, reissueCode, withdrawPaperBallot } from '../../core/voting.ts';
import * as S from '../api-schemas.ts';
import { defineRoute, idParam, resource } from './route.ts';

const byId = { id: idParam };

export function votingApi(core: CoreDeps, closeRequester?: CloseRequester) {
  const closer: CloseRequester = closeRequester ?? { close: (official, id) => closeAndPublish(core, official, id, 'manual') };
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/open',
        summary:
          'Freeze the roll, make one voting code per household, open voting (codes shown once). The body is optional: {"override": {"reason"}} opens before the disclosure period is over',
        auth: 'official',
        params: byId,
        body: S.OpenBody,
        bodyOptional: true,
        responses: { 200: S.OpenResponse },
      },
      async ({ params, who, body }, c) => {
        const opened = await openVoting(core, who, params.id, body ?? {});
        return c.json({ state: opened.state, credentials: opened.credentials }, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/online-conditions',
        summary:
          'Record one of the Decree 59/2023 Art. 5 conditions of an online vote (leaders agreed, unanimous community, commune notified); audit-logged and published with the result',
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
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/paper-ballots',
        summary: 'Enter a paper ballot for a household (audit-logged)',
        auth: 'official',
        params: byId,
        body: S.PaperBallotBody,
        responses: { 201: S.BallotResponse },
      },
      async ({ params, who, body }, c) => c.json(await enterPaperBallot(core, who, params.id, body), 201),
    ),
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
