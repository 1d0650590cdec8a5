import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Stack, Token } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BASIC_EXECUTION_FINDING, byDesign, objectKeyFinding } from './by-design.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SiteAssetsProps {
  bucket: IBucket;
  logRetention: RetentionDays;
}

/**
 * The verify page's scripts (`assets/verify.js`, `assets/verify-worker.js`), built at synth by scripts/build-web.ts
 * with the local esbuild (no Docker) and copied to the bucket at deploy. `prune: false`: a deploy never deletes
 * anything else in the bucket, least of all a published result.
 */
export class SiteAssets extends Construct {
  constructor(scope: Construct, id: string, props: SiteAssetsProps) {
    super(scope, id);
    const source = Source.asset(resolve(ROOT, 'web', 'verify'), {
      bundling: {
        // Never used: the local build always succeeds or throws. CDK requires an image for the Docker fallback.
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
        local: {
          tryBundle(outputDir: string) {
            execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-web.ts', outputDir], { cwd: ROOT, stdio: 'inherit' });
            return true;
          },
        },
      },
    });
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention });
    const deployment = new BucketDeployment(this, 'VerifyScripts', {
      sources: [source],
      destinationBucket: props.bucket,
      prune: false,
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: [CacheControl.fromString('public, max-age=60')],
      logGroup,
    });
    // The open-data page and the JSON Schemas of the published files (`open-data.html`, `schemas/*.schema.json`), written
    // at synth by the same script; the deployment's own copy sets each content type from the extension.
    const openData = Source.asset(resolve(ROOT, 'shared', 'open-data'), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
        local: {
          tryBundle(outputDir: string) {
            execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-web.ts', outputDir, '--open-data'], { cwd: ROOT, stdio: 'inherit' });
            return true;
          },
        },
      },
    });
    new BucketDeployment(this, 'OpenData', {
      sources: [openData],
      destinationBucket: props.bucket,
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=60')],
      logGroup,
    });
    // The deployment's function is aws-cdk-lib's own singleton, one per stack: its role, runtime and policy are the library's.
    const singleton = Stack.of(this).node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    const library = "aws-cdk-lib's BucketDeployment function, run at deploy only: its runtime, role and policy are the library's";
    const target = singleton ?? deployment;
    byDesign(target, 'AwsSolutions-L1', library);
    byDesign(target, 'AwsSolutions-IAM4', library, [BASIC_EXECUTION_FINDING]);
    byDesign(target, 'AwsSolutions-IAM5', library, [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => `Action::${action}`),
      objectKeyFinding(props.bucket, '*'),
      // The CDK bootstrap's asset bucket, where the deployment reads the built scripts from.
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${accountRegion(this)}/*`,
    ]);
  }
}

/** `<account>-<region>` as the checks write the bootstrap bucket's name. */
function accountRegion(scope: Construct): string {
  const stack = Stack.of(scope);
  const t = (v: string, name: string) => (Token.isUnresolved(v) ? `<AWS::${name}>` : v);
  return `${t(stack.account, 'AccountId')}-${t(stack.region, 'Region')}`;
}
