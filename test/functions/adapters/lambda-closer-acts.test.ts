import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaCloserActs } from '../../../functions/adapters/lambda-close-requester.ts';
import { DomainError } from '../../../shared/errors.ts';

const lambda = mockClient(LambdaClient);
const official = { sub: 'o-1', role: 'official' as const, commune: 'xa-a' };
const monitor = { sub: 'm-1', role: 'monitor' as const, commune: 'xa-a' };
const arn = 'arn:aws:lambda:ap-southeast-1:111122223333:function:danban-closer';
const GROUP = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const payload = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const sent = () => JSON.parse(new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array));
const acts = () => new LambdaCloserActs(new LambdaClient({ region: 'ap-southeast-1' }), arn);

describe('the signed acts through the closer Lambda', () => {
  afterEach(() => lambda.reset());

  it("asks for an aggregate with the group and the official's id token only (no claimed principal), and relays the group's status", async () => {
    const status = { groupId: GROUP, commune: 'xa-a', title: 't', matter: 'contribution', hamlets: 3, threshold: 2, rounds: [], aggregate: { adopted: true } };
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload(status) as never });
    expect(await acts().aggregate(official, 'id-token-of-o-1', GROUP)).toEqual(status);
    expect(lambda.commandCalls(InvokeCommand)[0]!.args[0].input).toMatchObject({ FunctionName: arn, InvocationType: 'RequestResponse' });
    expect(sent()).toEqual({ act: 'aggregate', groupId: GROUP, idToken: 'id-token-of-o-1' });
  });

  it("turns the closer's {error} answer to an aggregate into the same domain error", async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ error: { code: 'forbidden', message: 'another commune' } }) as never });
    const p = acts().aggregate(official, 'id-token-of-o-1', GROUP);
    await expect(p).rejects.toBeInstanceOf(DomainError);
    await expect(p).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reports a crashed closer, or an answer of another shape, as a server failure', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payload({ errorMessage: 'boom' }) as never });
    await expect(acts().aggregate(official, 't', GROUP)).rejects.toThrow(/closer failed/);
    lambda.reset();
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ status: 'ignored' }) as never });
    const p = acts().aggregate(official, 't', GROUP);
    await expect(p).rejects.not.toBeInstanceOf(DomainError);
    await expect(p).rejects.toThrow(/unexpected shape/);
  });

  it("asks for an audit's conclusion with the round, the monitor's id token and the full-count choice", async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ consultationId: GROUP, auditable: true }) as never });
    expect(await acts().rla(monitor, 'id-token-of-m-1', GROUP, { fullCount: true })).toEqual({ consultationId: GROUP, auditable: true });
    expect(sent()).toEqual({ act: 'rla', consultationId: GROUP, idToken: 'id-token-of-m-1', fullCount: true });
  });
});
