/** The page frame shared by every published page: Vietnamese first, no script, no external resource. */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

export const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--line:#d0d0d0;--ok:#0b6b2f;--no:#a1131a;--accent:#0b4f8a}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}
a{color:var(--accent);overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.4rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.adopted{color:var(--ok)}.rejected,.no_decision,.quorum_not_met{color:var(--no)}
.outcome{font-size:1.25rem;font-weight:600}.en{color:var(--muted)}code,.mono{font-family:ui-monospace,monospace;overflow-wrap:anywhere}blockquote{margin:.25rem 0 .75rem 1rem;overflow-wrap:anywhere}
header,footer{border-bottom:1px solid var(--line);padding:.5rem 1rem}footer{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);font-size:.9rem}
.comment-text{white-space:pre-wrap;overflow-wrap:anywhere}
.docs li{margin:.5rem 0}.docs a{display:inline-block;min-height:44px;padding:.6rem 0}.docs summary{min-height:44px;padding:.6rem 0;cursor:pointer}
body{overflow-wrap:break-word}pre{white-space:pre-wrap;overflow-wrap:anywhere}
img,svg,video,canvas,iframe{max-width:100%}input,select,textarea,button{max-width:100%}td.n,th.n{overflow-wrap:normal}
@media (max-width:40rem){td,th{padding:.4rem .25rem}
table.stack,table.stack caption,table.stack tbody,table.stack tfoot,table.stack tr,table.stack td,table.stack th{display:block;width:auto}table.stack thead{display:none}
table.stack tr{border:1px solid var(--line);border-radius:6px;margin:0 0 .75rem;padding:.25rem .5rem}
table.stack td,table.stack th{border:0;padding:.15rem 0;text-align:left}table.stack td:empty{display:none}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
}
`;

/**
 * The site's icon, inline as a data URL (the CSP allows `img-src data:`): with a `<link rel="icon">` in the head a
 * browser asks for no `/favicon.ico`, which the site does not have. A white tick on the site's blue; every quote is
 * percent-encoded too, so the attribute needs no HTML escaping.
 */
export const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><rect width='16' height='16' rx='3' fill='#0b4f8a'/><path d='M4 8.5l2.6 2.6L12 5.2' fill='none' stroke='#fff' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'/></svg>",
).replaceAll("'", '%27')}`;

export function Page(props: { title: string; children: Child; base?: string }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{props.title}</title>
          <link rel="icon" href={FAVICON} />
          <style>{raw(STYLE)}</style>
        </head>
        <body>
          <header>
            <a href={`${props.base ?? '/'}`}>Dân bàn — Lấy ý kiến, biểu quyết của cộng đồng dân cư</a>
          </header>
          <main>{props.children}</main>
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

/** Renders a page element to the HTML string that is published. */
export function render(node: unknown): string {
  return String(node);
}

/** The link from a round to the earlier round it follows (a new version of the proposal, or a correction). */
export function FollowsLink(props: { consultation: { follows?: string | undefined } }) {
  const follows = props.consultation.follows;
  if (!follows) return null;
  return (
    <p class="follows">
      Vòng này tiếp theo <a href={`../${follows}/`}>vòng biểu quyết trước</a>.{' '}
      <span lang="en" class="en">
        This round follows <a href={`../${follows}/`}>an earlier round</a>.
      </span>
    </p>
  );
}
