/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`): one DanbanStack named `danban-<stage>`, configured from
 * context (infra/config.ts). Synthesises offline: no lookups, and the functions are bundled by the local esbuild.
 */
import { App } from 'aws-cdk-lib';
import { stackConfig } from './config.ts';
import { DanbanStack } from './danban-stack.ts';

const app = new App();
const config = stackConfig((key) => app.node.tryGetContext(key));
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
new DanbanStack(app, 'DanbanStack', {
  ...config,
  stackName: `danban-${config.stage}`,
  // Environment-agnostic when synthesised without credentials (CI); bound to the account and region at deploy.
  ...(account && region ? { env: { account, region } } : {}),
});
app.synth();
