/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`): `danban-<stage>-edge` (the web ACL, us-east-1) and
 * `danban-<stage>` (everything else), configured from context (infra/config.ts). Synthesises offline: no lookups,
 * and the functions are bundled by the local esbuild.
 */
import { App } from 'aws-cdk-lib';
import { stackConfig } from './config.ts';
import { buildStacks } from './danban-app.ts';

const app = new App();
const config = stackConfig((key) => app.node.tryGetContext(key));
buildStacks(app, config, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION });
app.synth();
