/**
 * The inclusion proof of a counted receipt, computed from the result as published (`c/{id}/ballots.json` and
 * `result.json`, read back through the publisher), so the page shows what any verifier of the bundle would find.
 */
import * as z from 'zod';
import { fromHex, fromUtf8, toHex } from '../../shared/bytes.ts';
import { leavesFromHex, merkleRootAndPath } from '../../shared/merkle.ts';
import { Hex64 } from '../../shared/schemas.ts';
import { sha256 } from '../../shared/sha256.ts';
import type { InclusionView } from '../../web/vote/receipt-page.tsx';
import type { CoreDeps } from './deps.ts';

/** Above this many ballots the page leaves the proof to `danban verify`: each proof rehashes the whole tree. */
export const PROOF_MAX_BALLOTS = 50_000;
const MAX_FILE_BYTES = 32 * 1024 * 1024;

// Only what the proof needs; the verifier, not this page, checks everything else of the bundle.
const BallotReceipts = z.object({ ballots: z.array(z.object({ receipt: Hex64 })).max(PROOF_MAX_BALLOTS) });
const ManifestRoot = z.object({ ballots: z.object({ merkleRoot: Hex64 }) });

interface PublishedBallots {
  leaves: Uint8Array;
  size: number;
  signedRoot?: string;
}

async function readPublished(core: CoreDeps, id: string): Promise<PublishedBallots | undefined> {
  const bytes = await core.publisher.get(`c/${id}/ballots.json`);
  if (!bytes || bytes.length > MAX_FILE_BYTES) return undefined;
  const file = BallotReceipts.safeParse(JSON.parse(fromUtf8(bytes)));
  if (!file.success) return undefined;
  const leaves = leavesFromHex(file.data.ballots.map((b) => b.receipt));
  const manifestBytes = await core.publisher.get(`c/${id}/result.json`);
  const manifest = manifestBytes ? ManifestRoot.safeParse(JSON.parse(fromUtf8(manifestBytes))) : undefined;
  return { leaves, size: file.data.ballots.length, ...(manifest?.success ? { signedRoot: manifest.data.ballots.merkleRoot } : {}) };
}

// A published bundle never changes: read once per container, a few consultations at most.
const cache = new WeakMap<CoreDeps, Map<string, PublishedBallots>>();

async function published(core: CoreDeps, id: string): Promise<PublishedBallots | undefined> {
  let byId = cache.get(core);
  if (!byId) {
    byId = new Map();
    cache.set(core, byId);
  }
  const hit = byId.get(id);
  if (hit) return hit;
  const read = await readPublished(core, id);
  if (read) {
    if (byId.size >= 4) byId.clear();
    byId.set(id, read);
  }
  return read;
}

function indexOfLeaf(leaves: Uint8Array, leaf: Uint8Array): number {
  const n = leaves.length / 32;
  outer: for (let i = 0; i < n; i++) {
    for (let k = 0; k < 32; k++) if (leaves[i * 32 + k] !== leaf[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Where `receipt` (64 lowercase hex) stands in the published ballots of `id`, with its audit path; undefined when
 * the result is not published, too large to prove here, unreadable, or does not hold the receipt.
 */
export async function inclusionProof(core: CoreDeps, id: string, receipt: string): Promise<InclusionView | undefined> {
  let ballots: PublishedBallots | undefined;
  try {
    ballots = await published(core, id);
  } catch (err) {
    core.log?.(`reading the published ballots of ${id} failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    return undefined;
  }
  if (!ballots) return undefined;
  const index = indexOfLeaf(ballots.leaves, fromHex(receipt));
  if (index < 0) return undefined;
  const { root, path } = merkleRootAndPath(ballots.leaves, index, core.sha256 ?? sha256);
  return { index, size: ballots.size, root: toHex(root), signedRoot: ballots.signedRoot, path: path.map(toHex) };
}
