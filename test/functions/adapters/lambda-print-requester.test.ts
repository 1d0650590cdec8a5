import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaPrintRequester } from '../../../functions/adapters/lambda-print-requester.ts';

const lambda = mockClient(LambdaClient);
const arn = 'arn:aws:lambda:ap-southeast-1:111122223333:function:danban-printer';
const job = { htmlKey: 'c/01ARZ3NDEKTSV4RRFFQ69G5FAV/record/decision.html', pdfKey: 'c/01ARZ3NDEKTSV4RRFFQ69G5FAV/record/decision.pdf' };
const requester = () => new LambdaPrintRequester(new LambdaClient({ region: 'ap-southeast-1' }), arn);

describe('printing through the printer Lambda', () => {
  afterEach(() => lambda.reset());

  it('invokes the printer asynchronously with the job, and does not wait for the PDF', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    await requester().request(job);
    const input = lambda.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input.FunctionName).toBe(arn);
    expect(input.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual(job);
  });

  it('sends no job for a file that is not a printable page', async () => {
    await expect(requester().request({ htmlKey: 'keys/jwks.json', pdfKey: 'keys/jwks.pdf' })).rejects.toThrow();
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('reports an invocation Lambda did not accept', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 500 });
    await expect(requester().request(job)).rejects.toThrow(/not invoked \(status 500\)/);
  });
});
