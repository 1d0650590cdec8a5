/**
 * The whole system wired for one machine: DynamoDB (Local) through the real store, the local signer and site
 * folder, the in-process close timer and the local token issuer. Used by `npm start` and by the integration tests.
 */
import { nodeSha256 } from '../adapters/node-sha256.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getConnInfo } from '@hono/node-server/conninfo';
import { join } from 'node:path';
import { DEFAULT_PROFILE, type LegalProfile } from '../../shared/matters.ts';
import { DynamoStore } from '../adapters/dynamo-store.ts';
import { ensureTable } from '../adapters/ensure-table.ts';
import { FsPublisher } from '../adapters/fs-publisher.ts';
import { LocalSealer } from '../adapters/local-sealer.ts';
import { listOutbox, OutboxNotifier } from '../adapters/outbox-notifier.ts';
import { sweep } from '../core/sweeper.ts';
import { LocalSigner, RECEIPT_KEY_FILE } from '../adapters/local-signer.ts';
import { systemClock, systemIds } from '../adapters/system.ts';
import { TimerScheduler } from '../adapters/timer-scheduler.ts';
import { localJwks, tokenVerifier } from '../adapters/token-verifier.ts';
import type { CoreDeps } from '../core/deps.ts';
import type { Clock } from '../core/ports.ts';
import { closeAndPublish, publishAssets, publishIndex, publishKeys } from '../core/publishing.ts';
import { buildWebAssets } from '../../scripts/build-web.ts';
import { openDataSiteFiles } from '../../web/open-data-page.tsx';
import { createApp } from '../http/app.ts';
import { ChromiumRenderer } from '../adapters/chromium-renderer.ts';
import { InProcessPrinter } from '../core/printing.ts';
import { officialPages } from '../http/officials/index.ts';
import { monitorPages } from '../http/monitors/index.ts';
import { communePages } from '../http/commune/index.ts';
import { LOCAL_ISSUER, LocalIssuer, type LocalAccount } from './issuer.ts';
import { staticSite } from './static-site.ts';

export interface LocalSystemOptions {
  dataDir: string;
  /** The site's public base URL (`http://127.0.0.1:3000/`). */
  baseUrl: string;
  dynamoEndpoint: string;
  tableName?: string;
  accounts: LocalAccount[];
  clock?: Clock;
  log?: (line: string) => void;
  attempts?: CoreDeps['attempts'];
  /** The commune's legal profile (the defaults of domain.md unless given). */
  profile?: LegalProfile;
  /** Chromium's executable, to print the minutes to PDF; without it they are published as HTML only. */
  chromium?: string;
  /** How often the sweeper runs (core/sweeper.ts), 60 s unless given; 0 turns it off. */
  sweepEveryMs?: number;
}

export async function buildLocalSystem(options: LocalSystemOptions) {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemClock;
  // One local server serves many voters at once (a Lambda container serves one): allow more than the SDK's 50 sockets.
  const client = new DynamoDBClient({
    endpoint: options.dynamoEndpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: 256 } },
  });
  const tableName = options.tableName ?? 'danban';
  await ensureTable(client, tableName);
  const store = new DynamoStore(client, tableName);
  const issuer = await LocalIssuer.load(options.dataDir, options.accounts);
  const core: CoreDeps = {
    store,
    limiter: store,
    signer: new LocalSigner(options.dataDir),
    // The receipt key: a second key file, never the result key (shared/receipt-signature.ts).
    receiptSigner: new LocalSigner(options.dataDir, RECEIPT_KEY_FILE),
    sealer: new LocalSealer(options.dataDir),
    publisher: new FsPublisher(join(options.dataDir, 'site'), options.baseUrl),
    scheduler: new TimerScheduler(
      async (id) => {
        await closeAndPublish(core, undefined, id, 'scheduled');
        log(`closed and published ${id} at its closing time`);
      },
      clock,
      { log },
    ),
    clock,
    ids: systemIds(clock),
    profile: options.profile ?? DEFAULT_PROFILE,
    sha256: nodeSha256,
    log,
    // Notices go to a folder (one JSON file a batch, no number in it), read on the officials' outbox page.
    notifier: new OutboxNotifier(join(options.dataDir, 'outbox'), clock),
    contacts: store,
    ...(options.attempts ? { attempts: options.attempts } : {}),
  };
  if (options.chromium)
    core.printer = new InProcessPrinter({ publisher: core.publisher, renderer: new ChromiumRenderer({ executablePath: options.chromium }) });
  const kid = await publishKeys(core);
  await publishAssets(core, await buildWebAssets());
  // The open-data page and the schemas under `schemas/` (on AWS the deploy copies them: infra/constructs/site-assets.ts).
  for (const f of openDataSiteFiles()) await core.publisher.put(f.path, f.body, { contentType: f.contentType, cacheControl: 'public, max-age=60' });
  await publishIndex(core);
  // Timers do not survive a restart: re-arm every vote still open (a time already past fires at once).
  for (const rec of await store.listConsultations()) {
    if (rec.state === 'voting' || rec.state === 'closed') await core.scheduler.schedule(rec.consultation.id, new Date(rec.consultation.closesAt));
  }

  const sweeper = startSweeper(core, log, options.sweepEveryMs ?? 60_000);

  const verifyToken = tokenVerifier({ jwks: localJwks(issuer.jwks), issuer: LOCAL_ISSUER });
  const api = createApp({
    core,
    verifyToken,
    clientIp: (c) => {
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    },
    login: (u, p) => issuer.login(u, p),
    onError: (err, requestId) => log(`error ${requestId}: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown'}`),
  });
  // The officials' and monitors' pages: on AWS a Lambda of their own (functions/lambda/officials.ts), here the same server.
  api.route('/', officialPages({ core, verifyToken, login: (u, p) => issuer.login(u, p), outbox: (id) => listOutbox(join(options.dataDir, 'outbox'), id) }));
  api.route('/', monitorPages({ core, verifyToken, login: (u, p) => issuer.login(u, p) }));
  api.route('/', communePages({ core, verifyToken, login: (u, p) => issuer.login(u, p) }));
  api.get('/.well-known/jwks.json', (c) => c.json(issuer.jwks));
  api.get('*', staticSite(join(options.dataDir, 'site')));

  return {
    app: api,
    core,
    issuer,
    kid,
    client,
    stop: () => {
      if (sweeper) clearInterval(sweeper);
      (core.scheduler as TimerScheduler).stopAll();
      client.destroy();
    },
  };
}

/** The sweeper, as the rule runs it on AWS: closes what a lost timer left voting past its time (one sweep at a time). */
function startSweeper(core: CoreDeps, log: (line: string) => void, everyMs: number): NodeJS.Timeout | undefined {
  if (everyMs <= 0) return undefined;
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep(core)
      .then((r) => {
        for (const id of r.closed) log(`the sweeper closed and published ${id}`);
        for (const id of r.missingSchedules) log(`${id} is voting without a close timer`);
      })
      .catch((err: unknown) => log(`the sweep failed: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`))
      .finally(() => {
        sweeping = false;
      });
  }, everyMs);
  timer.unref();
  return timer;
}
