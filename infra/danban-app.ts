/**
 * The stacks of one installation: the web ACL in us-east-1 (CloudFront takes no other) and the application in the
 * chosen region, which reads the ACL's ARN across regions. The app (infra/app.ts) and the infra tests build it here.
 */
import type { App } from 'aws-cdk-lib';
import { checkApiCertificateRegion, type StackConfig } from './config.ts';
import { DanbanEdgeStack } from './edge-stack.ts';
import { DanbanStack } from './danban-stack.ts';

/** Where the application runs when the environment does not say: Singapore, the region nearest Viet Nam. */
export const DEFAULT_REGION = 'ap-southeast-1';

export function buildStacks(app: App, config: StackConfig, env: { account?: string | undefined; region?: string | undefined } = {}) {
  const account = env.account ? { account: env.account } : {};
  const region = env.region ?? DEFAULT_REGION;
  checkApiCertificateRegion(config, region);
  const edge = new DanbanEdgeStack(app, 'DanbanEdgeStack', {
    stage: config.stage,
    stackName: `danban-${config.stage}-edge`,
    env: { ...account, region: 'us-east-1' },
    crossRegionReferences: true,
  });
  const main = new DanbanStack(app, 'DanbanStack', {
    ...config,
    stackName: `danban-${config.stage}`,
    env: { ...account, region },
    crossRegionReferences: true,
    webAclArn: edge.protection.webAcl.attrArn,
  });
  main.addDependency(edge);
  return { edge, main };
}
