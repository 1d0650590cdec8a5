/**
 * A village head's dismissal (Decree 59/2023 Art. 9) and a board election (Law 10/2022 Art. 15(5)) through the API, as
 * the staff pages do them (../../core/office-processes.ts, office-boards.ts): an official creates and records each
 * step, UBND xã (`commune`) decides a dismissal, the acting head and the new election, UBMTTQ xã (a `monitor`)
 * recognises a board's members. Each answers the process's checklist after the act. A sub-app of the API.
 */
import * as z from 'zod';
import {
  BoardCandidatesBody,
  BoardCountBody,
  BoardNominationsBody,
  BoardRecognitionBody,
  CreateBoardBody,
  createBoardElection,
  recogniseBoard,
  recordBoardCandidates,
  recordBoardCount,
  recordBoardNominations,
} from '../../core/office-boards.ts';
import {
  ActingHeadBody,
  appointActingHead,
  CreateDismissalBody,
  createDismissal,
  DismissalRecognitionBody,
  DismissalVoteBody,
  decideNewElection,
  NewElectionBody,
  OfficeStepBody,
  officeOf,
  recogniseDismissal,
  recordDismissalVote,
  recordOfficeStep,
} from '../../core/office-processes.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { Principal } from '../../core/ports.ts';
import { defineRoute, idParam, resource } from './route.ts';

const Row = z.object({
  step: z.string(),
  due: z.string().nullable().describe('the last day on time (Vietnam calendar date), or null when not known yet'),
  doneAt: z.string().optional(),
  status: z.enum(['done', 'done_late', 'due', 'overdue', 'not_yet']),
});
const ProcessResponse = z.object({
  id: z.string(),
  kind: z.enum(['dismissal', 'board_election']),
  hamlet: z.string(),
  meeting: z.string(),
  rows: z.array(Row),
});

type Act = (core: CoreDeps, who: Principal | undefined, id: string, body: unknown) => Promise<unknown>;

export function officesApi(core: CoreDeps) {
  /** The process as the staff read it after an act: its checklist today. */
  const answer = async (who: Principal, id: string) => {
    const v = await officeOf(core, who, id);
    return {
      id,
      kind: v.record.kind,
      hamlet: v.record.hamlet,
      meeting: v.record.meeting,
      rows: v.rows.map(({ step, due, doneAt, status }) => ({ step, due, status, ...(doneAt ? { doneAt } : {}) })),
    };
  };
  const act = (path: string, auth: 'official' | 'monitor' | 'commune', body: z.ZodType, summary: string, run: Act) =>
    defineRoute(
      { method: 'post', path: `/api/processes/{id}/${path}`, summary, auth, body, params: { id: idParam }, responses: { 200: ProcessResponse } },
      async ({ params, body: b, who }, c) => {
        await run(core, who, params.id, b);
        return c.json(await answer(who, params.id), 200);
      },
    );
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/processes/dismissals',
        summary: 'An official creates the dismissal of a village head (D59 Art. 9(1)), audit-logged `process_created`',
        auth: 'official',
        body: CreateDismissalBody,
        responses: { 201: ProcessResponse },
      },
      async ({ body, who }, c) => c.json(await answer(who, (await createDismissal(core, who, body)).id), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/processes/boards',
        summary: "An official creates the election of a board's members (Law 10/2022 Art. 15(5)), audit-logged `process_created`",
        auth: 'official',
        body: CreateBoardBody,
        responses: { 201: ProcessResponse },
      },
      async ({ body, who }, c) => c.json(await answer(who, (await createBoardElection(core, who, body)).id), 201),
    ),
    act(
      'steps',
      'official',
      OfficeStepBody,
      'An official records a step with its date: the request or proposal, the invitation, the decision sent',
      recordOfficeStep,
    ),
    act(
      'dismissal-vote',
      'official',
      DismissalVoteBody,
      'An official records the vote at the dismissal meeting (more than 50 % of H dismisses)',
      recordDismissalVote,
    ),
    act('board-candidates', 'official', BoardCandidatesBody, "An official records the Front working committee's candidate list", recordBoardCandidates),
    act('board-nominations', 'official', BoardNominationsBody, 'An official records the nominations from the floor', recordBoardNominations),
    act('board-count', 'official', BoardCountBody, 'An official records the count at the meeting (each member with more than 50 % of H)', recordBoardCount),
    act(
      'dismissal-recognition',
      'commune',
      DismissalRecognitionBody,
      'UBND xã recognises the dismissal or answers in writing (D59 Art. 9(3))',
      recogniseDismissal,
    ),
    act('acting-head', 'commune', ActingHeadBody, 'UBND xã, with UBMTTQ xã, appoints the acting village head (D59 Art. 9(3))', appointActingHead),
    act('new-election', 'commune', NewElectionBody, 'UBND xã decides the new election, within 60 days of recognising the dismissal', decideNewElection),
    act(
      'board-recognition',
      'monitor',
      BoardRecognitionBody,
      "UBMTTQ xã (a monitor) recognises the board's members or answers in writing (Art. 21(2))",
      recogniseBoard,
    ),
  ]);
}
