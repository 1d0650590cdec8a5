/**
 * On AWS the acts that sign with the commune's key are done by the closer Lambda, the only role that may sign: an
 * official's "close now", a commune round's aggregate, and (the slot for it) a monitor's conclusion of a risk-limiting
 * audit. The staff function invokes it synchronously with the caller's id token (never a claim of who they are: the
 * closer verifies the token itself) and relays its answer. A client mistake comes back as `{error}` and is re-thrown
 * as a DomainError; a failure of the closer itself is an Error (500).
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod';
import { DomainError, isErrorCode } from '../../shared/errors.ts';
import type { GroupStatus } from '../core/commune-rounds.ts';
import type { CloserActs, Principal } from '../core/ports.ts';

const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const CloseReply = z.object({ state: z.literal('published'), result: z.string() });
/** The group's status as commune-rounds.ts answers it; its fields are the closer's, relayed as they are. */
const GroupReply = z.looseObject({ groupId: z.string(), commune: z.string(), rounds: z.array(z.unknown()) });
const RlaReply = z.record(z.string(), z.unknown());

export class LambdaCloserActs implements CloserActs {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly closerArn: string,
  ) {}

  async close(
    _who: Principal,
    idToken: string,
    consultationId: string,
    options: { earlyReason?: string | undefined; requireEarlyReason?: boolean | undefined } = {},
  ): Promise<{ state: 'published'; result: string }> {
    const early = {
      ...(options.earlyReason !== undefined ? { earlyReason: options.earlyReason } : {}),
      ...(options.requireEarlyReason ? { requireEarlyReason: true } : {}),
    };
    return this.invoke({ consultationId, idToken, ...early }, CloseReply);
  }

  async aggregate(_who: Principal, idToken: string, groupId: string): Promise<GroupStatus> {
    return (await this.invoke({ act: 'aggregate', groupId, idToken }, GroupReply)) as unknown as GroupStatus;
  }

  async rla(_who: Principal, idToken: string, consultationId: string, options: { fullCount?: boolean | undefined } = {}): Promise<Record<string, unknown>> {
    return this.invoke({ act: 'rla', consultationId, idToken, ...(options.fullCount ? { fullCount: true } : {}) }, RlaReply);
  }

  /** Invokes the closer with `event` and reads its answer: `{error}` re-thrown, anything but `reply` a failure. */
  private async invoke<T>(event: Record<string, unknown>, reply: z.ZodType<T>): Promise<T> {
    const out = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.closerArn,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    const text = out.Payload && out.Payload.length > 0 ? new TextDecoder().decode(out.Payload) : '';
    if (out.FunctionError) throw new Error(`the closer failed (${out.FunctionError})`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('the closer answered in an unexpected shape');
    }
    const error = ErrorReply.safeParse(parsed);
    if (error.success) {
      const code = isErrorCode(error.data.error.code) ? error.data.error.code : 'internal_error';
      throw new DomainError(code, error.data.error.message);
    }
    const answer = reply.safeParse(parsed);
    if (!answer.success) throw new Error('the closer answered in an unexpected shape');
    return answer.data;
  }
}

/** The name the close alone was first known by. */
export { LambdaCloserActs as LambdaCloseRequester };
