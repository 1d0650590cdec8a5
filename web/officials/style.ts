/**
 * The officials' pages' CSS, added to the site's STYLE and the resident pages' VOTE_STYLE (focus ring, panels,
 * 44 px targets): form fields, tables of actions, and the A4 sheets of code slips. Colours keep 4.5:1 (WCAG 2.1 AA).
 */
export const OFFICIAL_STYLE = `
main.wide{max-width:64rem}header a{gap:.35em}
label.field,.label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password],input[type=number],input[type=datetime-local],select,textarea{font:inherit;width:100%;max-width:40rem;min-height:44px;padding:.4rem .5rem;border:2px solid #767676;border-radius:6px;background:#fff;color:var(--ink)}
textarea{min-height:6rem}input.short{max-width:12rem}input.entry{font:600 1.3rem/1.2 ui-monospace,monospace;max-width:16rem}
input[type=file]{font:inherit;min-height:44px}
[aria-invalid=true]{border-color:var(--no)}
.row{display:flex;flex-wrap:wrap;gap:0 1.5rem}.row>div{flex:1 1 12rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}.actions form{margin:0}
a.button{display:inline-flex;align-items:center;gap:.35em;min-height:48px;padding:.6rem 1.25rem;border:2px solid var(--accent);border-radius:6px;font-weight:600;text-decoration:none;background:var(--accent);color:#fff}
a.button.secondary{background:#fff;color:var(--accent)}a.button .en{color:inherit}
button.danger{background:var(--no);border-color:var(--no)}
.state{display:inline-block;padding:.1rem .5rem;border:1px solid var(--line);border-radius:4px;font-weight:600}
.whoami{display:flex;gap:1rem;align-items:center}.whoami form{margin:0}
.whoami button{min-height:44px;font-size:1rem;padding:.3rem .8rem;margin:0}
dl.facts{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem}dl.facts dt{font-weight:600}dl.facts dd{margin:0;min-width:0}
.keys{font-family:ui-monospace,monospace;overflow-wrap:anywhere}.big{font-size:1.25rem}
input[type=file]{max-width:100%}input,textarea{overflow-wrap:anywhere}
@media (max-width:40rem){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin:0 0 .5rem}.row{display:block}.whoami{flex-wrap:wrap}}
`;

/**
 * The slips: A4 pages of 8 slips (2 × 4, 95 × 69 mm on 190 × 277 mm inside 10 mm margins), cut along the dashed
 * lines. On screen the same sheets, with a warning that is not printed; on a phone's screen one slip a row.
 */
export const SLIP_STYLE = `
@page{size:A4;margin:10mm}
.sheet{display:grid;grid-template-columns:repeat(2,95mm);grid-template-rows:repeat(4,69mm);width:190mm;margin:0 0 1rem;background:#fff}
.sheet+.sheet{break-before:page;page-break-before:always}
.slip{border:1px dashed #000;padding:3mm;overflow:hidden;display:flex;flex-direction:column;gap:1mm;font-size:8.5pt;line-height:1.25;break-inside:avoid}
.slip p{margin:0}.slip-head{font-weight:600;max-height:7mm;overflow:hidden}
.slip-body{display:flex;justify-content:space-between;gap:2mm}
.slip-code{font:700 16pt/1.1 ui-monospace,monospace;letter-spacing:.04em;white-space:nowrap}
.slip-url{font:7.5pt/1.2 ui-monospace,monospace;word-break:break-all}
.slip-how{font-size:7.5pt}
svg.qr{width:27mm;height:27mm;flex:none}
@media screen and (max-width:50rem){.sheet{grid-template-columns:minmax(0,1fr);grid-template-rows:none;width:auto}.slip{min-height:69mm}}
@media print{body{margin:0}main,main.wide{max-width:none;padding:0;margin:0}header,footer,.no-print{display:none!important}.sheet{margin:0}}
`;
