#!/usr/bin/env node
// Entry of the `danban` command: loads the TypeScript CLI through tsx (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/danban.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error(`danban: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
