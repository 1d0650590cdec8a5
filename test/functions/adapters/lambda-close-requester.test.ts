import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaCloseRequester } from '../../../functions/adapters/lambda-close-requester.ts';
import { DomainError } from '../../../shared/errors.ts';

const lambda = mockClient(LambdaClient);
const official = { sub: 'o-1', role: 'official' as const, commune: 'xa-a' };
const arn = 'arn:aws:lambda:ap-southeast-1:111122223333:function:danban-closer';
const payload = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe('closing through the closer Lambda', () => {
  afterEach(() => lambda.reset());

  it("invokes the closer synchronously with the consultation and the official's id token (never a claimed principal), and relays its answer", async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ state: 'published', result: 'https://x/c/1/' }) as never });
    const r = await new LambdaCloseRequester(new LambdaClient({ region: 'ap-southeast-1' }), arn).close(
      official,
      'id-token-of-o-1',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    );
    expect(r).toEqual({ state: 'published', result: 'https://x/c/1/' });
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input.FunctionName).toBe(arn);
    expect(input.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual({
      consultationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      idToken: 'id-token-of-o-1',
    });
  });

  it("turns the closer's {error} answer into the same domain error", async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ error: { code: 'wrong_state', message: 'consultation is draft' } }) as never });
    const p = new LambdaCloseRequester(new LambdaClient({ region: 'ap-southeast-1' }), arn).close(official, 'id-token-of-o-1', 'X');
    await expect(p).rejects.toBeInstanceOf(DomainError);
    await expect(p).rejects.toMatchObject({ code: 'wrong_state' });
  });

  it('reports a crashed closer as a server failure, not a client mistake', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: payload({ errorType: 'Error', errorMessage: 'boom' }) as never });
    const p = new LambdaCloseRequester(new LambdaClient({ region: 'ap-southeast-1' }), arn).close(official, 'id-token-of-o-1', 'X');
    await expect(p).rejects.not.toBeInstanceOf(DomainError);
    await expect(p).rejects.toThrow(/closer failed/);
  });
});
