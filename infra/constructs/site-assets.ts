import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerImage } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

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
    new BucketDeployment(this, 'VerifyScripts', {
      sources: [source],
      destinationBucket: props.bucket,
      prune: false,
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: [CacheControl.fromString('public, max-age=60')],
      logGroup: new LogGroup(this, 'DeploymentLogs', { retention: props.logRetention }),
    });
  }
}
