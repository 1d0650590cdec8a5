import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeProtection } from './constructs/edge.ts';

/** What CloudFront needs from us-east-1 (a web ACL of scope CLOUDFRONT can live nowhere else). */
export class DanbanEdgeStack extends Stack {
  readonly protection: EdgeProtection;

  constructor(scope: Construct, id: string, props: StackProps & { stage: string }) {
    super(scope, id, { description: `Dân bàn: the web ACL in front of CloudFront (${props.stage})`, ...props });
    this.protection = new EdgeProtection(this, 'Protection', { name: `danban-${props.stage}` });
  }
}
