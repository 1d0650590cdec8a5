/**
 * The meeting routes of the API (../core/meeting.ts): attendance by roll id with the live quorum, and the meeting's
 * procedural votes. createApp registers them with its own `route`, so they are in the OpenAPI document.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { AttendanceBody, meetingStatus, ProceduralVoteBody, recordAttendance, recordProceduralVote } from '../core/meeting.ts';
import type { RouteKit } from './discussion-routes.ts';

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

export function meetingRoutes<C extends Context>(kit: Omit<RouteKit<C>, 'clientIp'>): void {
  const { core, route, who, jsonBody, param, idParam } = kit;

  route(
    {
      method: 'get',
      path: '/api/consultations/{id}/meeting',
      summary: "A meeting's attendance, live quorum and procedural votes (officials and monitors of the commune)",
      auth: 'monitor',
      responses: { 200: MeetingResponse },
    },
    async (c) => c.json(await meetingStatus(core, who(c), param(c, 'id', idParam)), 200),
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/attendance',
      summary: "Record a household's arrival at the meeting by roll id (audit-logged; a second arrival is not recorded again)",
      auth: 'official',
      body: AttendanceBody,
      responses: { 200: AttendanceResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, AttendanceBody);
      return c.json(await recordAttendance(core, who(c), id, body.household), 200);
    },
  );

  route(
    {
      method: 'post',
      path: '/api/consultations/{id}/procedural-votes',
      summary: 'Record a procedural vote of the meeting (secretary, counting committee, voting method) as counts of those present (audit-logged)',
      auth: 'official',
      body: ProceduralVoteBody,
      responses: { 201: MeetingResponse },
    },
    async (c) => {
      const id = param(c, 'id', idParam);
      const body = await jsonBody(c, ProceduralVoteBody);
      return c.json(await recordProceduralVote(core, who(c), id, body), 201);
    },
  );
}
