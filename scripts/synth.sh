#!/usr/bin/env bash
# Synthesises the CDK app with real bundling: esbuild builds both Lambda bundles into cdk.out, so a bundling error
# (an import esbuild cannot resolve, a syntax it cannot lower) fails CI and not a deploy. Then checks the API
# bundle against its size budget. Offline: no AWS credentials, no Docker (NodejsFunction uses the local esbuild),
# no telemetry. Extra arguments go to `cdk synth` (e.g. -c stage=staging).
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_DISABLE_CLI_TELEMETRY=true
# 400 KB until the legal-process routes came (minutes, ledger, complaints re-render published pages from the API),
# 450 KB with them; about 530 KB since the law's whole process (meetings, slips by serial, the decision and counting
# records, other opinions, commune rounds, recognition) re-renders its pages from the API too. The way back to 400:
# move the officials' and the commune's API routes into the officials' function, leaving residents' and public routes.
# About 557 KB with the code slips, the resumable opening and the paginated lists; 600 leaves room for a fix, and
# still fails on the mistake that once added 350 KB (zod imported as `{ z }`, checked in test/architecture.test.ts).
# 600 KB exactly with the staff pages' Vietnamese error table, the commune's name, the monitors' outcome and the
# cross-site guard (December 2026); 640 until the officials' API routes move to their own function.
# 517 KB once every route with `auth` moved to the staff function (createResidentsApp: the residents' routes and
# pages only), with the origin secret read at run time; 570 leaves about 10% for a fix. The way further down: split
# the resources that mix residents' and staff routes (consultations, groups, contributions) into two factories.
# 587 KB with citizens' initiatives (the residents' propose and consent pages, their store items) and the commune's own
# translation on the pages the residents' function re-renders; 615 leaves about 5% for a fix.
API_BUNDLE_BUDGET_KB=615

# Without esbuild NodejsFunction silently falls back to Docker bundling, which fails less clearly.
if ! node -e "require.resolve('esbuild')" >/dev/null 2>&1; then
  echo "synth: esbuild is not installed (run npm ci)" >&2
  exit 1
fi

# The API's own host name and its certificate are required context; a synth that checks the bundles and the template
# gives placeholders unless the caller gives real ones.
context=()
if [[ " $* " != *"apiDomainName="* ]]; then
  # In the region the app will synthesise for (the CLI's default is us-east-1): the API's certificate must be there.
  region="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
  context+=(-c apiDomainName=api.danban.example.org -c "apiCertificateArn=arn:aws:acm:${region}:123456789012:certificate/00000000-0000-0000-0000-000000000000")
fi

rm -rf cdk.out
npx cdk synth --no-notices -q "${context[@]}" "$@"

# Each function's bundle, found through the template (aws:asset:path), with its size.
node --input-type=module - "$API_BUNDLE_BUDGET_KB" <<'NODE'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
const budget = Number(process.argv[2]) * 1024;
const templates = readdirSync('cdk.out').filter((f) => f.endsWith('.template.json'));
let api = 0;
let failed = false;
for (const t of templates) {
  const { Resources } = JSON.parse(readFileSync(`cdk.out/${t}`, 'utf8'));
  for (const r of Object.values(Resources)) {
    if (r.Type !== 'AWS::Lambda::Function' || !r.Metadata?.['aws:asset:is-bundled']) continue;
    const path = r.Metadata['aws:cdk:path'];
    const size = statSync(`cdk.out/${r.Metadata['aws:asset:path']}/index.mjs`).size;
    console.log(`synth: ${path}: index.mjs ${(size / 1024).toFixed(1)} KB`);
    // The printer needs Chromium beside its bundle (LAMBDA_FILES), or it fails at its first print, not here.
    if (path.endsWith('/Printing/Printer/Resource') && !existsSync(`cdk.out/${r.Metadata['aws:asset:path']}/chromium/chromium.br`)) {
      console.error('synth: the printer bundle has no chromium/chromium.br');
      failed = true;
    }
    if (path.endsWith('/Api/Handler/Resource')) {
      api++;
      if (size > budget) {
        console.error(`synth: the API bundle is ${(size / 1024).toFixed(1)} KB, over its ${budget / 1024} KB budget`);
        failed = true;
      }
    }
  }
}
if (api !== 1) {
  console.error(`synth: expected one bundled API function in cdk.out, found ${api}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
NODE
