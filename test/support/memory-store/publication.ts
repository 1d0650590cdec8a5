/** The closer's lease, the kept signature and the sealed slip key, in memory, with the DynamoDB store's conditions. */
import type { KeptSignature } from '../../../functions/core/store.ts';

export class MemoryPublication {
  private readonly leases = new Map<string, { owner: string; until: string }>();
  private readonly signatures = new Map<string, KeptSignature>();
  private readonly slipKeys = new Map<string, { sealed: string; until: string }>();

  takeLease(id: string, owner: string, now: string, until: string): boolean {
    const held = this.leases.get(id);
    if (held && held.owner !== owner && held.until > now) return false;
    this.leases.set(id, { owner, until });
    return true;
  }

  releaseLease(id: string, owner: string): void {
    if (this.leases.get(id)?.owner === owner) this.leases.delete(id);
  }

  keepSignature(id: string, signature: KeptSignature): KeptSignature {
    const kept = this.signatures.get(id);
    if (kept) return { ...kept };
    this.signatures.set(id, { ...signature });
    return { ...signature };
  }

  signature(id: string): KeptSignature | undefined {
    const kept = this.signatures.get(id);
    return kept ? { ...kept } : undefined;
  }

  keepSlipKey(id: string, sealed: string, until: string): void {
    this.slipKeys.set(id, { sealed, until });
  }

  slipKey(id: string, now: string): string | undefined {
    const kept = this.slipKeys.get(id);
    return kept && kept.until > now ? kept.sealed : undefined;
  }

  dropSlipKey(id: string): void {
    this.slipKeys.delete(id);
  }
}
