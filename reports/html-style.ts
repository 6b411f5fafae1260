// report.html's style sheet: inline in the page (it refers to nothing outside itself).
// Two layouts: tables from 641 px wide, stacked rows below (readable at 400 px).
export const REPORT_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;
--skip:#59636e;--skip-bg:#eff2f5;--dev:#8250df;--dev-bg:#fbefff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
code,pre{font:12px/1.45 ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace}
.wrap{max-width:1180px;margin:0 auto;padding:0 24px}
.banner{color:#fff;padding:22px 0 18px}
.banner.conformant{background:var(--pass)}.banner.non-conformant{background:var(--fail)}.banner.error{background:#bf8700}
.banner h1{margin:0;font-size:28px;letter-spacing:.2px}
.banner .sub{opacity:.92;margin-top:4px}
.banner .error-line{margin:12px 0 0;padding:8px 12px;background:rgba(0,0,0,.18);border-radius:6px;font-weight:600;white-space:pre-wrap;word-break:break-word}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.card{flex:1 1 120px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.card b{display:block;font-size:24px;line-height:1.2}.card span{color:var(--muted)}
.card.passed b{color:var(--pass)}.card.failed b{color:var(--fail)}.card.errored b{color:var(--warn)}
.card.known-deviation b{color:var(--dev)}.card.skipped b{color:var(--skip)}.card.zero b{color:var(--muted);font-weight:400}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h2 .what{font-weight:400;color:var(--muted);font-size:14px;margin-left:8px}
h2 .tally{float:right;font-weight:400;color:var(--muted);font-size:13px;margin-top:3px}
table{width:100%;border-collapse:collapse;margin-bottom:8px;table-layout:fixed}
col.c-id{width:290px}col.c-level{width:80px}col.c-status{width:150px}col.c-num{width:80px}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted);background:var(--soft)}
td.num,th.num{text-align:right}
td.id{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}td.id a{color:inherit;text-decoration:none;border-bottom:1px dotted var(--muted)}
tr.failed td{background:#fff8f7}tr.errored td{background:#fffdf0}tr.known-deviation td{background:#fdf8ff}
.note{color:var(--muted);font-size:13px;margin-top:2px;word-break:break-word}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap;border:1px solid transparent}
.badge.passed{color:var(--pass);background:var(--pass-bg)}.badge.failed{color:var(--fail);background:var(--fail-bg)}
.badge.errored{color:var(--warn);background:var(--warn-bg)}.badge.skipped{color:var(--skip);background:var(--skip-bg)}
.badge.known-deviation{color:var(--dev);background:var(--dev-bg);border-color:#d8b9ff;border-style:dashed}
.level{font-size:12px;color:var(--muted)}.level.must{color:var(--fg);font-weight:600}
.req{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:10px 14px;margin:12px 0}
.req.errored{border-left-color:#bf8700}.req.known-deviation{border-left-color:var(--dev);border-left-style:dashed;background:#fefbff}
.req h3{margin:0 0 4px;font-size:15px}.req h3 code{font-size:13px}
.meta{color:var(--muted);margin:0 0 8px;font-size:13px;word-break:break-all}
.baseline{margin:6px 0 8px;padding:6px 10px;background:var(--dev-bg);border-radius:6px;font-size:13px}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--bg)}
summary{cursor:pointer;padding:6px 10px;font-weight:600;word-break:break-word}
details[open] summary{border-bottom:1px solid var(--line)}
.ex{padding:4px 10px 10px}
.ex h4{margin:10px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted)}
pre{margin:0;padding:8px 10px;background:var(--soft);border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:22em;overflow:auto}
pre.curl{background:#1f2328;color:#e6edf3;border-color:#1f2328}
.more{color:var(--muted);font-style:italic}
footer{margin:32px auto 40px;color:var(--muted);font-size:13px}
footer dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;padding-top:12px;border-top:1px solid var(--line)}
footer dt{font-weight:600}footer dd{margin:0;word-break:break-all}
.banner .failed-line{margin:10px 0 0;font-weight:600;word-break:break-word}
.banner a{color:#fff}
#failing h2{margin-top:20px}
ol.failing{list-style:none;margin:8px 0 0;padding:0;display:grid;gap:8px}
ol.failing li{border:1px solid var(--line);border-left:4px solid var(--fail);border-radius:6px;padding:8px 12px;background:#fff8f7}
ol.failing li.errored{border-left-color:#bf8700;background:#fffdf0}
ol.failing .head a{color:inherit}ol.failing .stmt{margin-top:2px}
ol.failing .first{color:var(--muted);font-size:13px;margin-top:2px;white-space:pre-wrap;overflow-wrap:anywhere}
ol.failing .to-detail{font-size:13px}
@media (max-width:640px){
.wrap{padding:0 12px}
.banner{padding:16px 0 14px}.banner h1{font-size:22px}.banner .sub{overflow-wrap:anywhere}
.cards{gap:8px}.card{flex:1 1 90px;padding:8px 10px}.card b{font-size:20px}
h2 .what,h2 .tally{float:none;display:block;margin:2px 0 0}
table.rows,table.rows tbody,table.rows tr,table.rows td{display:block;width:auto}
table.rows thead,table.rows colgroup{display:none}
table.rows tr{border-bottom:1px solid var(--line);padding:6px 0}
table.rows td{border:0;padding:1px 8px;background:transparent!important}
table.rows td.id,table.rows td.lvl,table.rows td.st{display:inline-block;vertical-align:middle;max-width:100%}
table.rows td.num{text-align:left;color:var(--muted);font-size:12px}
table.rows td.num::before{content:attr(data-label) " "}
table.rows tr.failed{background:#fff8f7}table.rows tr.errored{background:#fffdf0}table.rows tr.known-deviation{background:#fdf8ff}
.req{padding:8px 10px}
footer dl{grid-template-columns:1fr}footer dt{margin-top:6px}
}
`;
