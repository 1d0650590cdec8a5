/** C4: the hash recorded by `schedule_published`: in the live log when given (which must extend the signed one). */
import { checkChain, parseAuditJsonl } from '../audit.ts';
import { fromUtf8 } from '../bytes.ts';
import { AuditEvent, type Manifest } from '../schemas.ts';
import { sha256Hex } from '../sha256.ts';
import { noSchedule, type Published } from './load.ts';
import { both, list, load, need, type Outcome, Unmet, unmet } from './outcome.ts';

/** The audit action that records the schedule's hash at publication (functions/core/contributions.ts). */
const SCHEDULE_PUBLISHED = 'schedule_published';

/** A log as `audit.jsonl` bytes, or as the JSON array of events the monitors' API returns. */
export function auditOf(bytes: Uint8Array): AuditEvent[] {
  const text = fromUtf8(bytes).trim();
  if (!text.startsWith('[')) return parseAuditJsonl(bytes);
  const raw = JSON.parse(text) as unknown;
  if (!Array.isArray(raw)) throw new TypeError('not an array of events');
  return raw.map((e, i) => {
    const parsed = AuditEvent.safeParse(e);
    if (!parsed.success) throw new TypeError(`event ${i + 1} is not an audit event`);
    return parsed.data;
  });
}

/** The log to look in: the live one when given (which must chain and extend the signed one), else the bundle's. */
function auditLog(published: Published, manifest: Manifest, live: Uint8Array | undefined): AuditEvent[] {
  if (!live)
    return need(
      load(() => parseAuditJsonl(published.required('audit.jsonl'))),
      'không đọc được audit.jsonl',
      'audit.jsonl does not read',
    );
  const log = need(
    load(() => auditOf(live)),
    'không đọc được nhật ký đã cho',
    'the given audit log does not read',
  );
  const problems = checkChain(log, published.hash);
  if (problems.length) unmet('nhật ký đã cho bị đứt chuỗi', 'the given audit log is broken', list(problems));
  if (log[manifest.audit.count - 1]?.hash !== manifest.audit.head)
    unmet('nhật ký đã cho không nối tiếp nhật ký đã ký', 'the given audit log does not extend the signed one');
  return log;
}

/** C4: the one `schedule_published` event of the log records schedule.json's hash, households and total due. */
export function checkScheduleHash(published: Published, live: Uint8Array | undefined): Outcome {
  const { scheduleBytes, schedule } = published;
  if (!scheduleBytes) return published.contributions ? unmet('thiếu schedule.json', 'schedule.json is missing') : noSchedule(published);
  const { manifest } = published.signed();
  const log = auditLog(published, manifest, live);
  const recorded = log.filter((e) => e.action === SCHEDULE_PUBLISHED);
  if (recorded.length === 0) {
    if (live) unmet('nhật ký không ghi việc công bố bảng', `the audit log has no ${SCHEDULE_PUBLISHED} event`);
    return {
      absent: both(
        'Nhật ký đã ký kết thúc lúc đóng biểu quyết, mã băm của bảng được ghi sau đó: hãy đối chiếu với nhật ký đầy đủ của giám sát',
        "the signed audit log ends at the close and the schedule's hash is recorded after it: compare with the monitors' live log",
      ),
    };
  }
  if (recorded.length > 1) unmet('bảng được ghi công bố nhiều lần', `${SCHEDULE_PUBLISHED} is recorded ${recorded.length} times`);
  const event = recorded[0]!;
  const problems: string[] = [];
  const actual = sha256Hex(scheduleBytes, published.hash);
  if (event.data.sha256 !== actual)
    problems.push(
      both(
        `schedule.json có mã băm ${actual}, nhật ký ghi ${String(event.data.sha256)}`,
        `schedule.json hashes to ${actual}, the log says ${String(event.data.sha256)}`,
      ),
    );
  if (schedule?.ok && (event.data.households !== schedule.value.totals.households || event.data.due !== schedule.value.totals.due)) {
    problems.push(both('số hộ hoặc tổng phải đóng khác với nhật ký', 'the households or the total due differ from the log'));
  }
  if (problems.length) throw new Unmet(problems);
  return both(`Khớp với sự kiện ${event.seq} của nhật ký`, `matches audit event ${event.seq}`);
}
