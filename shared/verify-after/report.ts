/** What verifyAfter reads and reports: the files published after the result, the checks' names, their report. */
import { MINUTES_ROLES, type MinutesRole, RECORD_FILES, type SignedRole } from '../minutes.ts';
import type { Hash } from '../sha256.ts';
import type { VerifyKey } from '../verify/report.ts';

/**
 * The files these checks read, besides the bundle's: what a loader fetches beside `result.jws`. The scans
 * (`record/scans/<sha256>.<ext>`) are named by the live log's `record_scan_added` events.
 */
export const AFTER_FILES = [
  RECORD_FILES.decision,
  RECORD_FILES.counting,
  ...MINUTES_ROLES.map((role) => RECORD_FILES.signature(role)),
  'contributions/schedule.json',
  'contributions/schedule.csv',
  'contributions/ledger.jsonl',
  'audit/rla.json',
  'audit/rla.jws',
] as const;

/** M: the decision record and the counting record; C: the contributions (đóng góp); R: the risk-limiting audit. */
export type AfterStep = 'M1' | 'M2' | 'M3' | 'M4' | 'C1' | 'C2' | 'C3' | 'C4' | 'R1';

export const AFTER_CHECK_NAMES: Readonly<Record<AfterStep, { vi: string; en: string }>> = {
  M1: {
    vi: 'Văn bản quyết định và biên bản kiểm phiếu đọc được và thuộc đúng kết quả đã ký',
    en: 'decision.json and counting.json read and name this signed result',
  },
  M2: {
    vi: 'Lập lại văn bản quyết định, biên bản kiểm phiếu từ kết quả đã ký ra đúng từng byte',
    en: 'redrafting the records from the signed result gives the same bytes',
  },
  M3: {
    vi: 'Chữ ký số của Trưởng thôn, Trưởng ban công tác Mặt trận trên văn bản quyết định đều đúng',
    en: 'every key signature of the decision record (village head, Front head) verifies',
  },
  M4: { vi: 'Bản chụp văn bản ký tay khớp mã băm và nhật ký', en: 'each scan of the paper record matches its hash and the log' },
  C1: { vi: 'Bảng mức đóng góp tính lại đúng theo mức được thông qua và danh sách hộ', en: 'schedule.json recomputes from the adopted level and the roll' },
  C2: { vi: 'Tệp schedule.csv khớp với bảng mức đóng góp và sổ thu chi', en: 'schedule.csv matches the schedule and the ledger' },
  C3: { vi: 'Sổ thu chi liền mạch, chỉ thu của hộ có trong bảng', en: 'the ledger chain holds and every collection is from a household of the schedule' },
  C4: { vi: 'Mã băm của bảng mức đóng góp khớp với nhật ký', en: "the schedule's hash matches the audit log" },
  R1: {
    vi: 'Kết quả kiểm tra xác suất (rla.jws) có chữ ký đúng, thuộc kết quả đã ký, rút lại và tính lại đúng từ ballots.json',
    en: 'rla.jws verifies, names this signed result, and its draws and risks recompute from ballots.json',
  },
};

export interface AfterCheck {
  step: AfterStep;
  /** English, as verify/ names its checks; `nameVi` is the Vietnamese. */
  name: string;
  nameVi: string;
  ok: boolean;
  /** The files it checks are not published (yet): nothing was checked, nothing failed. */
  absent?: true;
  detail: string;
  /** M3: the roles whose signature verified, and the roles with no signature published. */
  signed?: SignedRole[];
  missing?: MinutesRole[];
  /** C2: schedule.csv passed as the ledger without its last `behind` entries (it was written, or cached, before them). */
  behind?: number;
  /** R1: what does not fail the check but the reader must see, worded as verify/'s warnings (the key not pinned). */
  warnings?: string[];
}

export interface AfterVerification {
  ok: boolean;
  checks: AfterCheck[];
}

export interface AfterOptions {
  hash?: Hash;
  /**
   * The live audit log (`audit.jsonl` lines, or the JSON array the monitors' API gives). The bundle's log ends at the
   * close and the schedule's and the scans' hashes are recorded after it, so without this C4 and M4 have nothing to
   * compare with.
   */
  audit?: Uint8Array;
  /**
   * The record's signing key of a role, pinned: its `kid` (the RFC 7638 thumbprint the officer writes on the paper
   * copy). M3 then fails if that role's signature is by any other key; a role that has not signed yet is still
   * told as such, not failed.
   */
  minutesKeys?: Partial<Record<MinutesRole, string>>;
  /**
   * The commune's key that signed result.jws (pinned, or the JWKS): R1 verifies rla.jws under it. Without it R1 checks
   * everything but the signature, and says so.
   */
  resultKey?: VerifyKey;
}
