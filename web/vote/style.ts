/**
 * The resident pages' CSS, added to the site's STYLE: 44 px (and more) tap targets, a visible focus ring, and
 * colours of at least 4.5:1 against their background (WCAG 2.1 AA). Print keeps only the receipt.
 */
export const VOTE_STYLE = `
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}
header a,.switch{display:inline-flex;align-items:center;min-height:44px}
.switch{font:inherit;background:none;border:0;padding:0;color:var(--accent);text-decoration:underline;cursor:pointer}
fieldset{border:1px solid var(--line);border-radius:6px;margin:1.25rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:600;font-size:1.1rem;padding:0 .25rem}
.choice{display:flex;align-items:center;gap:.75rem;min-height:48px;padding:.25rem .75rem;margin:.5rem 0;border:1px solid #767676;border-radius:6px;cursor:pointer}
.choice input{width:1.5rem;height:1.5rem;margin:0;flex:none}
label.field{display:block;font-weight:600;font-size:1.1rem}
input.code{font:600 1.4rem/1.2 ui-monospace,monospace;letter-spacing:.08em;text-transform:uppercase;width:100%;max-width:24rem;min-height:52px;padding:.5rem;border:2px solid #767676;border-radius:6px}
input.code.receipt-in{font-size:1rem;letter-spacing:0;text-transform:none;max-width:100%}
.hint{color:var(--muted);margin:.25rem 0 .5rem}
input.text,textarea{font:inherit;width:100%;max-width:40rem;min-height:48px;padding:.5rem;border:2px solid #767676;border-radius:6px}
.thread{border-top:1px solid var(--line);margin:1rem 0;padding-top:.25rem}
.replies{margin-left:.75rem;padding-left:.75rem;border-left:3px solid var(--line)}.comment.official{border-left:4px solid var(--ok);padding-left:.75rem}
button{font:inherit;font-weight:600;font-size:1.1rem;min-height:48px;padding:.6rem 1.25rem;margin:.5rem .5rem .5rem 0;border:2px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
.panel{border:3px solid;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.panel h1,.panel h2{margin:.25rem 0}
.panel-warn{background:#fff4d6;border-color:#8a5a00;color:#3d2a00}
.panel-ok{background:#e8f5ec;border-color:var(--ok);color:#08461f}.panel-ok h1{font-size:1.9rem}
.panel-alert{background:#fdecec;border-color:var(--no);color:#6b0b10}
.field-error{color:var(--no);font-weight:600;margin:.25rem 0}
.receipt{display:block;font:1.05rem/1.5 ui-monospace,monospace;word-break:break-all;white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.75rem;border-radius:6px}
.tracking{font:700 2rem/1.2 ui-monospace,monospace;letter-spacing:.12em}
.answers dt{font-weight:600;margin-top:.75rem}.answers dd{margin:.25rem 0 0 1rem;font-size:1.15rem}
@media print{header,footer,form,.no-print{display:none}}
`;
