import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PublishOptions, Publisher } from '../../../functions/core/ports.ts';
import { HomePageByCloser } from '../../../functions/lambda/home-page.ts';

const lambda = mockClient(LambdaClient);
const closerArn = 'arn:aws:lambda:eu-west-1:111122223333:function:danban-closer';
const page = { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=60' };

function inner() {
  const puts: string[] = [];
  const publisher: Publisher = {
    put: async (key: string, _body: Uint8Array | string, _o: PublishOptions) => {
      puts.push(key);
    },
    get: async (key: string) => (key === 'c/x/result.jws' ? new Uint8Array([1]) : undefined),
    url: (key: string) => `https://d111.cloudfront.net/${key}`,
  };
  return { puts, publisher };
}

describe('HomePageByCloser (the staff function’s publisher)', () => {
  beforeEach(() => lambda.reset());

  it('asks the closer, asynchronously with {}, to write the home page, and writes nothing itself', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    const { puts, publisher } = inner();
    await new HomePageByCloser(publisher, new LambdaClient({}), closerArn).put('index.html', '<html>', page);
    expect(puts).toEqual([]);
    expect(lambda).toHaveReceivedCommandExactlyOnceWith(InvokeCommand, { FunctionName: closerArn, InvocationType: 'Event' });
    expect(new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array)).toBe('{}');
  });

  it('puts every other key itself, and reads and names keys as the wrapped publisher does', async () => {
    const { puts, publisher } = inner();
    const home = new HomePageByCloser(publisher, new LambdaClient({}), closerArn);
    await home.put('c/x/index.html', '<html>', page);
    await home.put('g/y/index.html', '<html>', page);
    expect(puts).toEqual(['c/x/index.html', 'g/y/index.html']);
    expect(lambda).toHaveReceivedCommandTimes(InvokeCommand, 0);
    expect(await home.get('c/x/result.jws')).toEqual(new Uint8Array([1]));
    expect(home.url('c/x/')).toBe('https://d111.cloudfront.net/c/x/');
  });

  it('fails when the closer was not invoked, so the act logs the failure (republish is best effort)', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 500 });
    const { publisher } = inner();
    await expect(new HomePageByCloser(publisher, new LambdaClient({}), closerArn).put('index.html', '<html>', page)).rejects.toThrow(/status 500/);
  });
});
