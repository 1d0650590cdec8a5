import { Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * Records, next to the resource, why a finding of the AWS Solutions checks (cdk-nag) is the design and not a fault.
 * A rule that reports one finding per wildcard (IAM4, IAM5) is acknowledged finding by finding, so a new wildcard
 * is a new finding. The infra test runs the checks and fails on any finding not acknowledged this way.
 */
export function byDesign(scope: IConstruct, rule: `AwsSolutions-${string}`, reason: string, findings: readonly string[] = []): void {
  const ids = findings.length ? findings.map((f) => `${rule}[${f}]`) : [rule];
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/** The finding of a wildcard object key of `bucket` as the checks name it (`Resource::<Logical.Arn>/c/*`). */
export function objectKeyFinding(bucket: IBucket, key: string): string {
  const stack = Stack.of(bucket);
  return `Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/${key}`;
}

/** An ARN's finding as the checks name it: pseudo parameters in angle brackets, concrete values as they are. */
export function arnFinding(scope: IConstruct, service: string, resource: string): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `Resource::arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
}

/** The managed policy every function's role starts with (logs only). */
export const BASIC_EXECUTION_FINDING = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
