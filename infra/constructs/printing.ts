import { Duration } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { byDesign, objectKeyFinding } from './by-design.ts';
import { NodeFunction } from './node-function.ts';
import type { Site } from './site.ts';

export interface PrintingProps {
  site: Site;
  logRetention: RetentionDays;
}

/**
 * The printer: a function with Chromium (functions/lambda/printer.ts) that prints the decision record and the
 * counting record to PDF. Invoked asynchronously by the API and the officials' pages; it reads a published
 * `record/decision.html` or `record/counting.html` and writes the `.pdf` beside it, nothing else. Chromium stays out
 * of every other function.
 */
export class Printing extends Construct {
  readonly fn: NodeFunction;

  constructor(scope: Construct, id: string, props: PrintingProps) {
    super(scope, id);
    this.fn = new NodeFunction(this, 'Printer', {
      entry: 'printer',
      description: 'Prints the Dân bàn decision and counting records to PDF (headless Chromium)',
      // The npm build of Chromium is x64 only.
      architecture: Architecture.X86_64,
      // Chromium wants memory (and with it CPU) to lay out and print a page in a few seconds.
      memorySize: 2048,
      timeout: Duration.seconds(60),
      // Chromium unpacked (about 200 MB) and a profile per print, in /tmp.
      ephemeralStorageMiB: 1024,
      environment: { SITE_BUCKET: props.site.bucket.bucketName, SITE_URL: props.site.url },
      logRetention: props.logRetention,
    });
    const objects = (ext: string) => ['decision', 'counting'].map((name) => props.site.bucket.arnForObjects(`c/*/record/${name}.${ext}`));
    this.fn.addToRolePolicy(new PolicyStatement({ sid: 'ReadPrintablePages', actions: ['s3:GetObject'], resources: objects('html') }));
    this.fn.addToRolePolicy(new PolicyStatement({ sid: 'PublishPdfs', actions: ['s3:PutObject'], resources: objects('pdf') }));
    // ListBucket, so that a page not yet published reads as NoSuchKey, not AccessDenied.
    this.fn.addToRolePolicy(new PolicyStatement({ sid: 'ListSite', actions: ['s3:ListBucket'], resources: [props.site.bucket.bucketArn] }));
    byDesign(
      this.fn.role!,
      'AwsSolutions-IAM5',
      "The two records' pages and PDFs of every consultation (c/<id>/record/...), whose ids are made at run time; nothing else",
      ['html', 'pdf'].flatMap((ext) => ['decision', 'counting'].map((name) => objectKeyFinding(props.site.bucket, `c/*/record/${name}.${ext}`))),
    );
  }

  /** The API's functions ask for a print (asynchronously); they never read the PDF. */
  grantRequestPrint(grantee: IGrantable): void {
    // The unqualified function only (`grantInvoke` would add every version and alias, `<arn>:*`).
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'RequestPrint', actions: ['lambda:InvokeFunction'], resources: [(this.fn as IFunction).functionArn] }),
    );
  }
}
