/**
 * The live audit log in words: each event's number, Vietnam time, who acted (by role and id, never a name), its
 * sentence (../../shared/audit-words.ts), its data as key and value, and the raw JSON behind a toggle. Below 600 px
 * each event is a stacked card, so a phone never scrolls sideways.
 */
import { actorWords, auditWords } from '../../shared/audit-words.ts';
import type { Actor } from '../../shared/schemas.ts';
import { vnTime } from '../format.ts';
import { Bi } from '../officials/parts.tsx';

/** One event of the audit log as the page shows it. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  data: Readonly<Record<string, unknown>>;
  /** The start of the event's hash, enough to match it with the published audit.jsonl. */
  hash: string;
}

export const AUDIT_STYLE = `
table.audit{width:100%;border-collapse:collapse}table.audit>*>tr>*{vertical-align:top;font-size:.95rem}
table.audit .what{margin:0 0 .25rem}table.audit .raw{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem;margin:.25rem 0}
table.kv{border-collapse:collapse;margin:.25rem 0;font-size:.85rem}table.kv th,table.kv td{padding:.1rem .5rem .1rem 0;text-align:left;font-weight:normal;vertical-align:top}
table.kv th{color:#555}table.kv td:not(.n){overflow-wrap:anywhere}table.audit .hash{overflow-wrap:anywhere}
@media (max-width:600px){table.audit,table.audit>tbody,table.audit>tbody>tr,table.audit>tbody>tr>td{display:block;width:auto}
table.audit>thead{display:none}table.audit .what{overflow-wrap:anywhere}
table.audit>tbody>tr{border-top:1px solid #ccc;padding:.5rem 0}table.audit>tbody>tr>td{padding:.1rem 0;border:0}
table.audit>tbody>tr>td.n,table.audit>tbody>tr>td.at,table.audit>tbody>tr>td.who{display:inline;margin-right:.5rem}}`;

/** Values longer than this are cut in the middle; the full value is in the cell's `title`. */
export const VALUE_MAX = 24;

/**
 * A value cut in the middle to `max` characters, so its start and end (an id's prefix, a hash's tail) both show.
 * @example middleEllipsis('a'.repeat(30)) // 'aaaaaaaaaaa…aaaaaaaaaaaa' (24 characters)
 */
export function middleEllipsis(text: string, max = VALUE_MAX): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.floor((max - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

const valueText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function DataTable(props: { data: Readonly<Record<string, unknown>> }) {
  const entries = Object.entries(props.data);
  if (entries.length === 0) return null;
  return (
    <table class="kv">
      <tbody>
        {entries.map(([key, value]) => {
          const full = valueText(value);
          const shown = middleEllipsis(full);
          return (
            <tr>
              <th scope="row" class="mono">
                {key}
              </th>
              <td class="mono" title={shown === full ? undefined : full}>
                {shown}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The audit log, oldest event first. */
export function AuditLog(props: { events: readonly AuditRow[] }) {
  return (
    <table class="audit">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">
            <Bi vi="Thời điểm" en="Time" />
          </th>
          <th scope="col">
            <Bi vi="Người thực hiện" en="Actor" />
          </th>
          <th scope="col">
            <Bi vi="Sự kiện" en="Event" />
          </th>
        </tr>
      </thead>
      <tbody>
        {props.events.map((e) => {
          const who = actorWords(e.actor.role);
          const what = auditWords(e.action, e.data);
          return (
            <tr id={`e${e.seq}`} data-action={e.action}>
              <td class="n">{e.seq}</td>
              <td class="at">{vnTime(e.at)}</td>
              <td class="who">
                <Bi vi={who.vi} en={who.en} /> <span class="mono">{e.actor.id}</span>
              </td>
              <td class="event">
                <p class="what">
                  <Bi vi={what.vi} en={what.en} />
                </p>
                <DataTable data={e.data} />
                <details>
                  <summary>chi tiết</summary>
                  <p class="mono hash">
                    {e.action} · <Bi vi="mã băm" en="hash" /> {e.hash}
                  </p>
                  <pre class="mono raw">{JSON.stringify(e.data)}</pre>
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
