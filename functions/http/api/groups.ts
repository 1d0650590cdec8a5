/**
 * Commune rounds (../../core/commune-rounds.ts; Law 10/2022 Art. 21(1) ¶2): an official creates one round per hamlet
 * from the commune's input; anyone reads the group, its rounds and its aggregate; an official re-runs the aggregate's
 * publication; UBND xã (role `commune`) sets the date the decision takes effect. A sub-app of the API: each route's
 * spec parses its request and documents it. The aggregate is signed, so on AWS it is published by the closer, the
 * one function that may sign (`AggregateRequester`, handed the official's verified bearer token); locally by default
 * this process does it.
 */
import * as z from 'zod';
import { Method, OutcomeStatus, State, Ulid } from '../../../shared/schemas.ts';
import { createGroup, EffectiveDateBody, GroupBody, groupStatus, publishAggregate, setEffectiveDate } from '../../core/commune-rounds.ts';
import type { CoreDeps } from '../../core/deps.ts';
import type { AggregateRequester } from '../../core/ports.ts';
import { bearerToken } from '../middleware/bearer-principal.ts';
import { cachePublicRead, defineRoute, resource } from './route.ts';

const groupParam = Ulid;

const GroupResponse = z.object({
  groupId: z.string(),
  commune: z.string(),
  title: z.string(),
  matter: z.string(),
  hamlets: z.int().describe('n, the hamlets of the group'),
  threshold: z.int().describe('ceil(2n/3): the hamlets that must adopt'),
  rounds: z.array(
    z.object({
      consultationId: z.string(),
      hamlet: z.string(),
      state: State,
      method: Method,
      outcomes: z.record(z.string(), OutcomeStatus).optional().describe('once published'),
    }),
  ),
  aggregate: z
    .object({
      url: z.string().describe('the site folder g/<groupId>/ with aggregate.json, aggregate.jws and the page'),
      outcome: z.record(z.string(), z.object({ adoptedIn: z.int(), status: z.enum(['adopted', 'rejected']) })),
      adopted: z.boolean(),
    })
    .optional(),
  effectiveDate: z.object({ date: z.string(), reference: z.string(), at: z.string() }).optional(),
});

const EffectiveDateResponse = z.object({ groupId: z.string(), date: z.string(), reference: z.string(), at: z.string() });

export function groupsApi(core: CoreDeps, aggregateRequester?: AggregateRequester) {
  const aggregator: AggregateRequester = aggregateRequester ?? { aggregate: (official, _idToken, groupId) => publishAggregate(core, groupId, official) };
  return resource([
    defineRoute(
      {
        method: 'post',
        path: '/api/groups',
        summary:
          'An official creates a commune round (Art. 21(1) ¶2): from the commune’s input (scope `commune`, a contribution, by meeting or household ballot) one draft round per hamlet, each naming the group',
        auth: 'official',
        body: GroupBody,
        responses: { 201: GroupResponse },
      },
      async ({ body, who }, c) => c.json(await createGroup(core, who, body), 201),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/groups/{groupId}',
        summary: 'A commune round: its hamlets’ rounds and their states and outcomes, the aggregate once signed, the effective date once set',
        params: { groupId: groupParam },
        responses: { 200: GroupResponse },
      },
      async ({ params, who }, c) => {
        const status = await groupStatus(core, who, params.groupId);
        cachePublicRead(c, who);
        return c.json(status, 200);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/groups/{groupId}/aggregate',
        summary:
          'An official publishes (again) the signed aggregate g/<groupId>/aggregate.jws once every hamlet’s round is published; the same bytes each time',
        auth: 'official',
        params: { groupId: groupParam },
        responses: { 200: GroupResponse },
      },
      // The use case decides the rest (an official, of the group's commune, every round published), where it runs.
      async ({ params, who }, c) => c.json(await aggregator.aggregate(who, bearerToken(c), params.groupId), 200),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/groups/{groupId}/effective-date',
        summary: 'UBND xã (`commune`) sets the date an adopted commune round takes effect, audit-logged `effective_date_set` in each round’s log',
        auth: 'commune',
        body: EffectiveDateBody,
        params: { groupId: groupParam },
        responses: { 201: EffectiveDateResponse },
      },
      async ({ params, body, who }, c) => c.json(await setEffectiveDate(core, who, params.groupId, body), 201),
    ),
  ]);
}
