/** The commune's processes as a staff page lists them: each a link to its checklist, with its hamlet and meeting day. */
import { Bi } from '../officials/parts.tsx';
import { PROCESS_WORDS, type ProcessKind } from './checklist-view.tsx';
import { dayEn, dayVi } from './words.tsx';

export interface ListedProcess {
  id: string;
  kind: ProcessKind;
  hamlet: string;
  /** The meeting's calendar day (Vietnam), `YYYY-MM-DD`. */
  meeting: string;
}

/** `base` is the role's path, e.g. `/officials/processes`; each process links to `<base>/<id>`. */
export function ProcessList(props: { items: readonly ListedProcess[]; base: string }) {
  if (props.items.length === 0)
    return (
      <p>
        <Bi vi="Chưa có quy trình nào." en="No process yet." />
      </p>
    );
  return (
    <ul id="processes">
      {props.items.map((p) => (
        <li>
          <a href={`${props.base}/${p.id}`}>
            {PROCESS_WORDS[p.kind].vi} — {p.hamlet}
          </a>{' '}
          — <Bi vi={`họp ngày ${dayVi(p.meeting)}`} en={`meeting on ${dayEn(p.meeting)}`} />
        </li>
      ))}
    </ul>
  );
}
