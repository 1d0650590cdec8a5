/**
 * The frame of every monitors' page: the staff frame (../officials/frame.tsx) with the monitors' home and
 * sign-out, and, on the page that countersigns and signs the minutes, the one script this origin serves for it
 * (no inline script: the CSP).
 */
import type { Child } from 'hono/jsx';
import { AUDIT_STYLE } from './audit-log.tsx';
import { RESULT_STYLE } from './result.tsx';
import { StaffFrame } from '../officials/frame.tsx';
import { SIGNING_STYLE } from '../officials/minutes-signing.tsx';
import type { Official } from '../officials/model.ts';

export const MONITOR_STYLE = `
div.scroll{overflow-x:auto;max-width:100%}${AUDIT_STYLE}
${SIGNING_STYLE}${RESULT_STYLE}`;

/** The monitors' signing script: ../../functions/http/signing-script.ts with the countersignature's and the minutes' parts. */
export const MONITOR_SIGN_SRC = '/monitors/assets/sign.js';

export function MonitorFrame(props: { title: string; monitor?: Official | undefined; script?: boolean; children: Child }) {
  return (
    <StaffFrame role="monitor" title={props.title} who={props.monitor} wide style={MONITOR_STYLE} script={props.script ? MONITOR_SIGN_SRC : undefined}>
      {props.children}
    </StaffFrame>
  );
}
