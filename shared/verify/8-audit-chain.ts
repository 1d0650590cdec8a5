/** Step 8 of bundle.md: the audit chain is unbroken from seq 1 to the head, count and head match, and it ends with `closed`. */
import { checkChain, GENESIS } from '../audit.ts';
import { paperReplacedOnline } from '../paper-replacements.ts';
import { fail, summarize } from './failure.ts';
import type { Bundle } from './load.ts';

/** Step 8: audit.jsonl chains, matches the manifest's count and head, and its last event closes this consultation. */
export async function checkAuditChain(bundle: Bundle, warnings: string[]): Promise<string> {
  const manifest = await bundle.manifest();
  const events = await bundle.audit();
  const problems = checkChain(events, bundle.hash);
  const head = events.length ? events[events.length - 1]!.hash : GENESIS;
  if (manifest.audit.count !== events.length) problems.push(`the manifest counts ${manifest.audit.count} events, audit.jsonl has ${events.length}`);
  if (manifest.audit.head !== head) problems.push(`the head is ${head}, the manifest says ${manifest.audit.head}`);
  const last = events[events.length - 1];
  if (last?.action !== 'closed') problems.push('the last event is not the closed event');
  else {
    const named = last.data.consultationId;
    if (named !== undefined && named !== manifest.consultationId) problems.push(`the closed event is of consultation ${String(named)}`);
    if (last.at !== manifest.closedAt) warnings.push(`the closed event is at ${last.at}, the manifest says closedAt ${manifest.closedAt}`);
  }
  if (problems.length) fail(summarize(problems));
  // Informational, never a failure: a log from before entries said what they replaced simply counts none.
  const replaced = paperReplacedOnline(events);
  return `${events.length} events, head ${head}${replaced > 0 ? `; ${replaced} paper ${replaced === 1 ? 'ballot' : 'ballots'} replaced an online ballot` : ''}`;
}
