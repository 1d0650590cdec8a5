/** SHA-256 by node:crypto, several times faster than the pure-JS one of shared/ on large Merkle trees. */
import { createHash } from 'node:crypto';
import type { Hash } from '../../shared/sha256.ts';

/** The `Hash` of shared/sha256.ts, computed by OpenSSL. */
export const nodeSha256: Hash = (data) => new Uint8Array(createHash('sha256').update(data).digest());
