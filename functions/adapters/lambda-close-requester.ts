/**
 * On AWS an official's "close now" is done by the closer Lambda, the only role that may sign: the API invokes it
 * synchronously and relays its answer. A client mistake comes back as `{error}` and is re-thrown as a DomainError.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod';
import { DomainError, isErrorCode } from '../../shared/errors.ts';
import type { Principal } from '../core/ports.ts';
import type { CloseRequester } from '../core/ports.ts';

const Reply = z.union([
  z.object({ state: z.literal('published'), result: z.string() }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);

export class LambdaCloseRequester implements CloseRequester {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly closerArn: string,
  ) {}

  async close(
    who: Principal,
    consultationId: string,
    options: { earlyReason?: string | undefined; requireEarlyReason?: boolean | undefined } = {},
  ): Promise<{ state: 'published'; result: string }> {
    const early = {
      ...(options.earlyReason !== undefined ? { earlyReason: options.earlyReason } : {}),
      ...(options.requireEarlyReason ? { requireEarlyReason: true } : {}),
    };
    const out = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.closerArn,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify({ consultationId, requestedBy: who, ...early })),
      }),
    );
    const text = out.Payload && out.Payload.length > 0 ? new TextDecoder().decode(out.Payload) : '';
    if (out.FunctionError) throw new Error(`the closer failed (${out.FunctionError})`);
    let reply: z.infer<typeof Reply>;
    try {
      reply = Reply.parse(JSON.parse(text));
    } catch {
      throw new Error('the closer answered in an unexpected shape');
    }
    if ('error' in reply) {
      const code = isErrorCode(reply.error.code) ? reply.error.code : 'internal_error';
      throw new DomainError(code, reply.error.message);
    }
    return reply;
  }
}
