/**
 * The CDK community's own checker (cdk-nag, AWS Solutions pack) over the whole app as infra/app.ts builds it: every
 * finding is either fixed or acknowledged next to its resource with the reason (infra/constructs/by-design.ts).
 * Also the edge stack's web ACL, which only exists in the app's two-stack shape.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import type { StackConfig } from '../../infra/config.ts';
import { RATE_LIMITS } from '../../infra/constructs/edge.ts';
import { buildStacks } from '../../infra/danban-app.ts';

const dirs: string[] = [];
/** The API's own domain, which every installation must give (infra/config.ts). */
const API_DOMAIN = {
  apiDomainName: 'api.danban.example.org',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-1:123456789012:certificate/abcdef01-2345-6789-abcd-ef0123456789',
} as const;
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Report {
  pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

/** Synthesises the app with the checks; returns what they found (one line a finding) and the stacks. */
function checked(config: StackConfig, extra?: (stacks: ReturnType<typeof buildStacks>) => void) {
  const outdir = mkdtempSync(join(tmpdir(), 'danban-nag-'));
  dirs.push(outdir);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir });
  const stacks = buildStacks(app, config);
  extra?.(stacks);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let failed: unknown;
  try {
    app.synth();
  } catch (err) {
    failed = err;
  }
  let report: Report = { pluginReports: [] };
  try {
    report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
  } catch {
    // No report: nothing was found.
  }
  const findings = report.pluginReports
    .filter((p) => p.pluginName === 'AwsSolutions')
    .flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`)));
  return { findings, failed, report, ...stacks };
}

describe('cdk-nag AwsSolutions over the app', () => {
  it('finds nothing that is neither fixed nor acknowledged with its reason, on the default host', { timeout: 120_000 }, () => {
    const { findings, failed } = checked({ stage: 'test', alarmEmail: 'ops@example.org', ...API_DOMAIN });
    expect(findings).toEqual([]);
    expect(failed).toBeUndefined();
  });

  it('is live in this set-up: a bucket added without access logs or TLS enforcement is reported and fails synthesis', { timeout: 120_000 }, () => {
    const { findings, failed } = checked({ stage: 'test', ...API_DOMAIN }, ({ main }) => new Bucket(main, 'Unchecked'));
    expect(findings).toEqual(
      expect.arrayContaining(['AwsSolutions-S1 at DanbanStack/Unchecked/Resource', 'AwsSolutions-S10 at DanbanStack/Unchecked/Resource']),
    );
    expect(findings.every((f) => f.endsWith('/Unchecked/Resource') || f.includes('/Unchecked/Policy/'))).toBe(true);
    expect(failed).toBeDefined();
  });

  it("with the commune's own domain the TLS minimum is fixed, not acknowledged", { timeout: 120_000 }, () => {
    const { findings, main } = checked({
      stage: 'test',
      ...API_DOMAIN,
      domainName: 'danban.xa-example.gov.vn',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
    });
    expect(findings).toEqual([]);
    const acks = JSON.stringify(main.site.distribution.node.metadata);
    expect(acks).not.toContain('AwsSolutions-CFR4');
    expect(acks).toContain('AwsSolutions-CFR1');
  });
});

describe('the web ACL in front of CloudFront', () => {
  const { edge, main } = checked({ stage: 'test', ...API_DOMAIN });
  const acl = Template.fromStack(edge).findResources('AWS::WAFv2::WebACL');
  const [props] = Object.values(acl).map((r) => r.Properties as Record<string, any>);

  it('lives in us-east-1 with scope CLOUDFRONT, and the distribution uses it', () => {
    expect(edge.region).toBe('us-east-1');
    expect(Object.keys(acl)).toHaveLength(1);
    expect(props).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const dist = Object.values(Template.fromStack(main).findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { WebACLId?: unknown } };
    };
    // Read across regions (an SSM parameter written by the edge stack), never a hard-coded ARN.
    expect(JSON.stringify(dist.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader|Fn::GetAtt/);
  });

  it("runs AWS's managed rule sets and per-address rate rules sized for carrier NAT", () => {
    const rules = props!.Rules as { Name: string; Statement: Record<string, any>; Action?: unknown }[];
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Statement.ManagedRuleGroupStatement.Name);
    expect(managed).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    const rates = Object.fromEntries(rules.filter((r) => r.Statement.RateBasedStatement).map((r) => [r.Name, r.Statement.RateBasedStatement]));
    expect(rates.ResidentPostsPerAddress).toMatchObject({ Limit: RATE_LIMITS.residentPosts, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rates.StaffPerAddress).toMatchObject({ Limit: RATE_LIMITS.staff, AggregateKeyType: 'IP' });
    expect(rates.EverythingPerAddress).toMatchObject({ Limit: RATE_LIMITS.everything, AggregateKeyType: 'IP' });
    // A crowd behind one carrier address (hundreds of households, ten requests each) stays well under every limit.
    expect(RATE_LIMITS.residentPosts).toBeGreaterThanOrEqual(500 * 4);
    for (const r of rules.filter((x) => x.Statement.RateBasedStatement)) expect(r.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
  });
});
