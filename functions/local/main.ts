/**
 * `npm start`: the whole system on one machine (api.md "Running it locally"). DynamoDB Local persisted under
 * DATA_DIR, the API and the static site on 127.0.0.1:$PORT, the close timer, the local signing key, and a seeded
 * demo commune. SIGINT or SIGTERM stops everything, DynamoDB Local included.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findChromium } from '../adapters/chromium-renderer.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { hamletRulesKey } from '../core/rule-pages.ts';
import { seedDemo } from './demo.ts';
import { demoAccounts, DEMO_COMMUNE } from './seed.ts';
import { serveLocal } from './server.ts';
import { buildLocalSystem } from './system.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.local');
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a number from 1 to 65535, not ${process.env.PORT}`);
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const baseUrl = `http://127.0.0.1:${port}/`;

// The minutes are printed to PDF with the machine's Chromium (CHROMIUM_PATH, or Debian's), when there is one.
const chromium = await findChromium();
const ddb = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
let system: Awaited<ReturnType<typeof buildLocalSystem>>;
try {
  system = await buildLocalSystem({ dataDir, baseUrl, dynamoEndpoint: ddb.endpoint, accounts: demoAccounts(), ...(chromium ? { chromium } : {}) });
} catch (err) {
  console.error(`could not start: ${(err as Error).message}`);
  await ddb.stop();
  process.exit(1);
}
const seeded = await seedDemo(system.core, dataDir, { sub: 'demo-official-01', role: 'official', commune: DEMO_COMMUNE });

const server = serveLocal(system.app, { hostname: '127.0.0.1', port }, () => {
  console.log('Dân bàn — local system');
  console.log(`  data:          ${dataDir}`);
  console.log(`  signing key:   ${system.kid}  (${baseUrl}keys/jwks.json)`);
  console.log('  demo accounts: official / official-demo, monitor / monitor-demo, monitor2 / monitor2-demo, commune / commune-demo  (POST /api/auth/login)');
  console.log(`  minutes PDF:   ${chromium ? `printed with ${chromium}` : 'no Chromium found (set CHROMIUM_PATH): the minutes are published as HTML only'}`);
  if (seeded) {
    console.log(`  demo meeting:  ${baseUrl}c/${seeded.meeting}/ (the road: too few households present)`);
    console.log(`  demo result:   ${baseUrl}c/${seeded.road}/ (the road by household ballots: adopted, record sent, contributions)`);
    console.log(`  demo election: ${baseUrl}c/${seeded.villageHead}/ (village head: recognised by UBND xã)`);
    console.log(`  demo vote:     ${seeded.online}; online, household codes in ${seeded.codesFile}`);
    console.log(`  demo process:  ${baseUrl}p/${seeded.election}/ (the village-head election as the law's process, plan to recognition)`);
    console.log(`  demo rule:     ${baseUrl}${hamletRulesKey(DEMO_COMMUNE, 'Thôn Đông')} (the community rule in force, its history)`);
    console.log(`  demo offices:  ${baseUrl}p/${seeded.board}/ (a board elected) and ${baseUrl}p/${seeded.dismissal}/ (a dismissal)`);
    console.log(`  initiative:    ${baseUrl}vote/initiatives/${seeded.initiative} (collecting consents)`);
    console.log(`  translation:   ${baseUrl}c/${seeded.translated}/ (the commune's Khmer beside the Vietnamese)`);
    console.log(`  outbox:        ${baseUrl}officials/c/${seeded.online}/notices (the notices sent, as official)`);
  }
  console.log(`ready: ${baseUrl} (API under ${baseUrl}api/)`);
});
server.on('error', async (err: Error) => {
  console.error(`could not listen on 127.0.0.1:${port}: ${err.message}`);
  system.stop();
  await ddb.stop();
  process.exit(1);
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  system.stop();
  await ddb.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
