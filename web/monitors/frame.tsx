/**
 * The frame of every monitors' page: the officials' frame (../officials/frame.tsx) with the monitors' home and
 * sign-out, and, on the page that countersigns, the one script this origin serves (no inline script: the CSP).
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { STYLE } from '../layout.tsx';
import { VOTE_STYLE } from '../vote/style.ts';
import { OFFICIAL_STYLE } from '../officials/style.ts';
import type { Official } from '../officials/model.ts';

export const MONITOR_STYLE = `
div.scroll{overflow-x:auto;max-width:100%}table.audit td,table.audit th{vertical-align:top;font-size:.95rem}table.audit td.data{word-break:break-word}
.fingerprint{font:600 1.05rem/1.4 ui-monospace,monospace;word-break:break-all}
`;

export const COUNTERSIGN_SRC = '/monitors/assets/countersign.js';

export function MonitorFrame(props: { title: string; monitor?: Official | undefined; script?: boolean; /** Moves on to this URL at once (the end of a sign-in or a sign-out). */ refresh?: string | undefined; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title} — Dân bàn</title>
          {props.refresh ? <meta http-equiv="refresh" content={`0; url=${props.refresh}`} /> : null}
          <style>{raw(STYLE + VOTE_STYLE + OFFICIAL_STYLE + MONITOR_STYLE)}</style>
          {props.script ? <script src={COUNTERSIGN_SRC} defer></script> : null}
        </head>
        <body>
          <a class="skip" href="#main">
            Bỏ qua, đến nội dung chính
          </a>
          <header>
            <a href="/monitors/">
              Dân bàn — Ban giám sát{' '}
              <span lang="en" class="en">
                Monitors
              </span>
            </a>
            {props.monitor ? (
              <div class="whoami">
                <span>
                  Xã/phường <span class="mono">{props.monitor.commune}</span>
                </span>
                <form method="post" action="/monitors/logout">
                  <button type="submit" class="secondary">
                    Đăng xuất <span lang="en">Sign out</span>
                  </button>
                </form>
              </div>
            ) : null}
          </header>
          <main id="main" class="wide">
            {props.children}
          </main>
          <footer>
            Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.{' '}
            <span lang="en" class="en">
              People know, discuss, act, inspect, supervise, benefit.
            </span>
          </footer>
        </body>
      </html>
    </>
  );
}
