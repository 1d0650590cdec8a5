/**
 * The meeting routes of the API (../core/meeting.ts): attendance by roll id with the live quorum, and the meeting's
 * procedural votes. A sub-app of the API: each route's spec parses its request and documents it.
 */
import type { CoreDeps } from '../../core/deps.ts';
import { defineRoute, idParam, resource } from './route.ts';
import * as z from 'zod';
import { AttendanceBody, meetingStatus, ProceduralVoteBody, recordAttendance, recordProceduralVote } from '../../core/meeting.ts';

const MeetingResponse = z.object({
  eligible: z.int(),
  present: z.int(),
  quorum: z.object({ required: z.int(), met: z.boolean() }),
  attendance: z.array(z.object({ household: z.string(), at: z.string() })),
  procedural: z.array(
    z.object({ subject: z.string(), text: z.string(), for: z.int(), against: z.int(), abstain: z.int(), at: z.string(), adopted: z.boolean() }),
  ),
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
        summary: "Record a household's arrival at the meeting by roll id (audit-logged; a second arrival is not recorded again)",
        auth: 'official',
        body: AttendanceBody,
        params: { id: idParam },
        responses: { 200: AttendanceResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await recordAttendance(core, who, params.id, body.household), 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/consultations/{id}/procedural-votes',
        summary: 'Record a procedural vote of the meeting (secretary, counting committee, voting method) as counts of those present (audit-logged)',
        auth: 'official',
        body: ProceduralVoteBody,
        params: { id: idParam },
        responses: { 201: MeetingResponse },
      },
      async ({ params, body, who }, c) => {
        return c.json(await recordProceduralVote(core, who, params.id, body), 201);
      },
    ),
  ]);
}
