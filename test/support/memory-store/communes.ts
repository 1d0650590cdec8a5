/** The communes' profiles and each commune's own audit log, in memory, as the DynamoDB store keeps them (dynamo/communes.ts). */
import { sealEvent } from '../../../shared/audit.ts';
import type { AuditEvent } from '../../../shared/schemas.ts';
import type { AuditDraft, CommuneProfile } from '../../../functions/core/store.ts';
import { copy } from './state.ts';

export class MemoryCommunes {
  private readonly profiles = new Map<string, CommuneProfile>();
  private readonly logs = new Map<string, AuditEvent[]>();

  profile(commune: string): CommuneProfile | undefined {
    return copy(this.profiles.get(commune));
  }

  putProfile(commune: string, profile: CommuneProfile, audit: AuditDraft): AuditEvent {
    const log = this.logs.get(commune) ?? [];
    const event = sealEvent(log[log.length - 1], copy(audit));
    this.profiles.set(commune, copy(profile));
    this.logs.set(commune, [...log, event]);
    return copy(event);
  }

  events(commune: string): AuditEvent[] {
    return copy(this.logs.get(commune) ?? []);
  }
}
