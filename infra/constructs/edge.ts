import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * Per-address limits over five minutes, sized for carrier NAT: in Viet Nam most phones share a mobile carrier's
 * addresses, so one address can be hundreds of households. A household's whole vote is about ten requests (notice,
 * ballot, review, send, receipt); 2,000 form posts in five minutes from one address is far beyond any honest crowd
 * behind it, and the whole site's limit leaves the pages and files around a vote room too.
 */
export const RATE_LIMITS = { residentPosts: 2_000, staff: 3_000, everything: 20_000 } as const;

/**
 * The web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1: DanbanEdgeStack): AWS's managed
 * rule sets for common exploits, known bad inputs and addresses with a bad reputation, then per-address rate rules.
 * A rate rule blocks only the address over its limit, for as long as it stays over; nobody else is touched.
 */
export class EdgeProtection extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { name: string }) {
    super(scope, id);
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const managed = (priority: number, name: string, excluded: string[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(excluded.length ? { ruleActionOverrides: excluded.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    const startsWith = (path: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: path,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const post: CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { method: {} },
        positionalConstraint: 'EXACTLY',
        searchString: 'POST',
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    const rate = (priority: number, name: string, limit: number, scopeDown?: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty => ({
      name,
      priority,
      action: { block: { customResponse: { responseCode: 429 } } },
      statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, ...(scopeDown ? { scopeDownStatement: scopeDown } : {}) } },
      visibilityConfig: visibility(name),
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Dan ban: managed rule sets and per-address rate limits in front of the site and the API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        // The roll upload and document attachments are multipart bodies larger than the set's 8 KB body rule: counted, not blocked.
        managed(1, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managed(2, 'AWSManagedRulesKnownBadInputsRuleSet'),
        rate(10, 'ResidentPostsPerAddress', RATE_LIMITS.residentPosts, {
          andStatement: { statements: [post, { orStatement: { statements: [startsWith('/vote/'), startsWith('/api/consultations/')] } }] },
        }),
        rate(11, 'StaffPerAddress', RATE_LIMITS.staff, {
          orStatement: { statements: [startsWith('/officials'), startsWith('/monitors'), startsWith('/commune')] },
        }),
        rate(12, 'EverythingPerAddress', RATE_LIMITS.everything),
      ],
    });
  }
}
