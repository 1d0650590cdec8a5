import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Size, Stack, type Duration } from 'aws-cdk-lib';
import { Architecture, ApplicationLogLevel, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BASIC_EXECUTION_FINDING, byDesign } from './by-design.ts';
import { LAMBDA_BUNDLING, LAMBDA_ENTRIES, LAMBDA_FILES, SIGN_SCRIPTS_DEFINE, signScriptsModule, type LambdaName } from '../lambda-bundling.ts';

/** Shell commands that copy a function's extra files into its bundle folder (local bundling: this machine's shell). */
function copyAfterBundling(files: readonly { from: string; to: string }[]): ICommandHooks {
  const quote = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => files.map((f) => `cp -R ${quote(join(inputDir, f.from))} ${quote(join(outputDir, f.to))}`),
  };
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface NodeFunctionProps {
  /** Which entry of LAMBDA_ENTRIES (functions/lambda/<name>.ts, export `handler`). */
  entry: LambdaName;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Default arm64 (Graviton); x86_64 for a function shipping an x64-only binary. */
  architecture?: Architecture;
  /** Scratch space in /tmp, in MiB (default 512). */
  ephemeralStorageMiB?: number;
}

/**
 * A Lambda function of this project: nodejs24.x on arm64, one ESM bundle built by the local esbuild (no Docker),
 * JSON logs into its own log group with a retention, source-mapped stack traces. Each function starts with no
 * permissions; the construct that owns it grants exactly what its code calls.
 */
export class NodeFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: props.logRetention });
    super(scope, id, {
      entry: join(ROOT, LAMBDA_ENTRIES[props.entry]),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      description: props.description,
      // nodejs22.x is deprecated on 2027-04-30, with Node 22; Node 24 is maintained a year longer. Both handlers
      // are async, as nodejs24.x requires (it dropped callback-style handlers).
      runtime: Runtime.NODEJS_24_X,
      // Graviton: cheaper per GB-second and no native modules in the bundles to rebuild.
      architecture: props.architecture ?? Architecture.ARM_64,
      ...(props.ephemeralStorageMiB ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB) } : {}),
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: {
        ...props.environment,
        ...(LAMBDA_BUNDLING.sourcemap ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourcemap,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.external],
        // The staff pages' signing scripts, built only when this synth bundles (never in the stack's own tests).
        define: { ...SIGN_SCRIPTS_DEFINE },
        ...(Stack.of(scope).bundlingRequired ? { inject: [signScriptsModule()] } : {}),
        ...(LAMBDA_FILES[props.entry] ? { commandHooks: copyAfterBundling(LAMBDA_FILES[props.entry]!) } : {}),
      },
    });
    byDesign(
      this.role!,
      'AwsSolutions-IAM4',
      "AWSLambdaBasicExecutionRole grants logs:CreateLogStream and logs:PutLogEvents, all a function's logging needs; everything else is granted statement by statement by the construct that owns the function",
      [BASIC_EXECUTION_FINDING],
    );
  }
}
