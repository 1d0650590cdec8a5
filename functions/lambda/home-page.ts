/**
 * On AWS only the closer writes the site's home page (`index.html`): the staff function's role may not. An official's
 * act that changes the home page (disclosing, opening, cancelling, naming the commune) still calls
 * `publisher.put('index.html', …)` through core/republish.ts; this publisher turns that one write into an
 * asynchronous invocation of the closer with `{}`, on which it renders the home page from the table itself (and
 * publishes `keys/` again, unchanged). Every other key goes to the wrapped publisher as it is.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { PublishOptions, Publisher } from '../core/ports.ts';

/** The key of the site's home page. */
export const HOME_PAGE = 'index.html';

export class HomePageByCloser implements Publisher {
  constructor(
    private readonly inner: Publisher,
    private readonly lambda: LambdaClient,
    private readonly closerArn: string,
  ) {}

  async put(key: string, body: Uint8Array | string, options: PublishOptions): Promise<void> {
    if (key !== HOME_PAGE) return this.inner.put(key, body, options);
    // `Event`: the act has committed; the closer's retries and dead-letter queue take it from here.
    const out = await this.lambda.send(new InvokeCommand({ FunctionName: this.closerArn, InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }));
    if (out.StatusCode !== 202) throw new Error(`asking the closer to publish the home page failed: status ${out.StatusCode ?? 'none'}`);
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return this.inner.get(key);
  }

  url(key: string): string {
    return this.inner.url(key);
  }
}
