/**
 * On AWS the minutes are printed by a function of its own (functions/lambda/printer.ts), which carries Chromium;
 * the API and the officials' pages invoke it without waiting (`Event`), so an officer's signature is answered at
 * once and the PDF follows a few seconds later. Lambda retries a failed asynchronous invocation twice by itself.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PrintJob } from '../core/printing.ts';
import type { PrintRequester } from '../core/ports.ts';

export class LambdaPrintRequester implements PrintRequester {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly printerArn: string,
  ) {}

  async request(job: { htmlKey: string; pdfKey: string }): Promise<void> {
    const out = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.printerArn,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(PrintJob.parse(job))),
      }),
    );
    // An accepted asynchronous invocation answers 202.
    if (out.StatusCode !== 202) throw new Error(`the printer was not invoked (status ${out.StatusCode ?? 'none'})`);
  }
}
