/**
 * The meeting routes of the API (../core/meeting.ts): attendance by roll id with the live quorum and whether the
 * thresholds can still be reached, the meeting's procedural votes, its voting method, and the show of hands. A
 * sub-app of the API: each route's spec parses its request and documents it. Secret-ballot slips are entered by
 * serial through `POST /paper-ballots` (voting.ts).
 */
import type { CoreDeps } from '../../core/deps.ts';
import { defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { HandCount, Voting } from '../../../shared/schemas.ts';
import {
  AttendanceBody,
  HandCountBody,
  meetingStatus,
  ProceduralVoteBody,
  recordAttendance,
  recordHandCount,
  recordProceduralVote,
  recordVotingMethod,
  VotingMethodBody,
} from '../../core/meeting.ts';

const MeetingResponse = z.object({
  eligible: z.int(),
  present: z.int(),
  quorum: z.object({ required: z.int(), met: z.boolean() }),
  canReachThreshold: z.boolean(),
  questions: z.array(z.object({ questionId: z.string(), threshold: z.int(), canReachThreshold: z.boolean() })),
  attendance: z.array(z.object({ household: z.string(), at: z.string(), cluster: z.string().optional() })),
  procedural: z.array(
    z.object({
      subject: z.string(),
      text: z.string(),
      for: z.int(),
      against: z.int(),
      abstain: z.int(),
      at: z.string(),
      present: z.int(),
      adopted: z.boolean(),
    }),
  ),
  voting: Voting.optional(),
  /** The hamlet's show of hands; at a meeting in clusters, the sum of the clusters' counts. */
  handCount: HandCount.optional(),
  /** A meeting in residential clusters (Law 10/2022 Art. 18(3)): each cluster's households present and its count. */
  clusters: z.array(z.object({ cluster: z.string(), present: z.int(), handCount: HandCount.optional() })).optional(),
  slips: z.int(),
});
const AttendanceResponse = MeetingResponse.extend({ recorded: z.boolean() });

export function meetingApi(core: CoreDeps) {
  return resource([
    defineRoute(
      {
        method: 'get',
        path: '/api/consultations/{id}/meeting',
        summary: "A meeting's attendance, live quorum and procedural votes (officials and monitors of the commune)",
        auth: 'monitor',
        params: { id: idParam },
        responses: { 200: MeetingResponse },
      },
      async ({ params, who }, c) => c.json(await meetingStatus(core, who, params.id), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/attendance',
        summary:
          "Record a household's arrival at the meeting by roll id, with its residential cluster at a meeting in clusters (a roll of 200 households or more); audit-logged; a second arrival is not recorded again",
        auth: 'official',
        body: AttendanceBody,
        params: { id: idParam },
        responses: { 200: AttendanceResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await recordAttendance(core, who, params.id, body.household, body.cluster), 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/procedural-votes',
        summary:
          'Record a procedural vote of the meeting (secretary, counting committee) as counts of those present; it passes with more than 50 % of the households present (audit-logged)',
        auth: 'official',
        body: ProceduralVoteBody,
        params: { id: idParam },
        responses: { 201: MeetingResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await recordProceduralVote(core, who, params.id, body), 201);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/voting-method',
        summary: 'Record how the meeting votes, show_of_hands or secret_ballot, as it decided; once (audit-logged)',
        auth: 'official',
        body: VotingMethodBody,
        params: { id: idParam },
        responses: { 201: MeetingResponse },
      },
      async ({ params, body, who }, c) => c.json(await recordVotingMethod(core, who, params.id, body.voting), 201),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/hand-count',
        summary:
          "Enter the show of hands: per question, per answer (or option), the households; each question at most those present; replaces the earlier count until close. At a meeting in clusters, name the cluster: its count is at most its households present, replaces that cluster's earlier count, and the hamlet's is the clusters' sum (audit-logged)",
        auth: 'official',
        body: HandCountBody,
        params: { id: idParam },
        responses: { 201: MeetingResponse },
      },
      async ({ params, body, who }, c) => c.json(await recordHandCount(core, who, params.id, body.counts, body.cluster), 201),
    ),
  ]);
}
