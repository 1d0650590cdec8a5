/**
 * The frame of every monitors' page: the staff frame (../officials/frame.tsx) with the monitors' home and
 * sign-out, and, on the page that countersigns, the one script this origin serves (no inline script: the CSP).
 */
import type { Child } from 'hono/jsx';
import { StaffFrame } from '../officials/frame.tsx';
import type { Official } from '../officials/model.ts';

export const MONITOR_STYLE = `
div.scroll{overflow-x:auto;max-width:100%}table.audit td,table.audit th{vertical-align:top;font-size:.95rem}table.audit td.data{word-break:break-word}
.fingerprint{font:600 1.05rem/1.4 ui-monospace,monospace;word-break:break-all}
`;

export const COUNTERSIGN_SRC = '/monitors/assets/countersign.js';

export function MonitorFrame(props: { title: string; monitor?: Official | undefined; script?: boolean; children: Child }) {
  return (
    <StaffFrame role="monitor" title={props.title} who={props.monitor} wide style={MONITOR_STYLE} script={props.script ? COUNTERSIGN_SRC : undefined}>
      {props.children}
    </StaffFrame>
  );
}
