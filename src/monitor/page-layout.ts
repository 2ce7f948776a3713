import { html, SafeHtml } from './html.js';

// One small stylesheet inline: the pages load nothing from elsewhere (no build step, no CDN).
const STYLE = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--accent:#1d4ed8;
--ok:#15803d;--late:#b91c1c;--done:#0f766e;--donelate:#b45309;--cancel:#6b7280}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#0b3d91;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none}
header.top .brand{font-weight:700;font-size:17px}
header.top nav a{margin-right:16px;opacity:.9}
main{max-width:1120px;margin:0 auto;padding:20px 24px 48px}
h1{font-size:22px;margin:8px 0 16px}
h2{font-size:18px;margin:28px 0 10px}
a{color:var(--accent)}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px}
.card{background:#fff;border:1px solid var(--line);border-left:5px solid var(--c,var(--line));border-radius:6px;padding:10px 14px}
.card .n{font-size:28px;font-weight:700}
.card .l{color:var(--muted);font-size:13px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:6px}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef2f7;font-weight:600;font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:last-child td{border-bottom:0}
.nowrap,table.timeline td:first-child,td.code{white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e5e7eb;white-space:nowrap}
.badge.ok{background:#dcfce7;color:var(--ok)}.badge.late{background:#fee2e2;color:var(--late)}
.badge.warn{background:#fef3c7;color:#92400e}.badge.info{background:#dbeafe;color:#1e40af}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px}
.chart svg{width:100%;height:auto;display:block}
.notice{background:#fff;border:1px solid var(--line);border-radius:6px;padding:4px 20px 16px}
.notice.ok{border-left:5px solid var(--ok)}.notice.bad{border-left:5px solid var(--late)}
button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}
button:hover{background:#1e40af}
.typed{white-space:pre-wrap;overflow-wrap:anywhere}
`;

/** How a page differs from the dashboard's: no links to it (pages opened from an email), its own referrer policy, more style. */
export interface PageOptions {
  nav?: boolean;
  /** `same-origin` lets the browser send the page's origin with its forms' POST (the Origin check); default `no-referrer`. */
  referrer?: 'no-referrer' | 'same-origin';
  /** Extra CSS of the page, written by the code (never by a person). */
  style?: string;
}

/** A whole Vietnamese HTML page with the dashboard's header; `nav` false hides the links (acknowledgement pages, the workspace). */
export function pageLayout(title: string, body: SafeHtml, options: PageOptions = {}): string {
  const nav = options.nav ?? true;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${options.referrer ?? 'no-referrer'}">
<title>${title} — Đề án 06</title>
<style>${new SafeHtml(STYLE + (options.style ?? ''))}</style>
</head>
<body>
<header class="top"><span class="brand">${nav ? html`<a href="/">Theo dõi nhiệm vụ Đề án 06</a>` : 'Theo dõi nhiệm vụ Đề án 06'}</span>
${nav ? html`<nav><a href="/">Tổng quan</a><a href="/queues">Hàng đợi</a><a href="/metrics">Chỉ số</a></nav>` : ''}</header>
<main>
${body}
</main>
</body>
</html>
`.value;
}
