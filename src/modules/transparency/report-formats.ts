import type { ReportTable } from './report-tables.ts';
import type { TransparencyReportData } from './transparency.service.ts';

/**
 * The report as CSV (one line per published or suppressed figure, long format so that a
 * spreadsheet can pivot it; a withheld table is one line, its total, with the reason in `note`)
 * and as a self-contained HTML page: inline styles and SVG charts, no scripts, nothing loaded
 * from anywhere (the hub serves it with a CSP that forbids it).
 */

const CSV_HEADER = ['period', 'table', 'row_heading', 'row', 'column_heading', 'column', 'value', 'disclosure', 'note'];

export function reportAsCsv(report: TransparencyReportData): string {
  const lines = [CSV_HEADER];
  const period = report.period.label;
  for (const table of report.tables) {
    if (table.withheld !== null) {
      lines.push([period, table.key, table.rowHeading, 'TOTAL', table.columnHeading, 'TOTAL', '', table.total.disclosure, table.withheld]);
      continue;
    }
    for (const row of table.rows) {
      row.cells.forEach((cell, c) => lines.push([period, table.key, table.rowHeading, row.label, table.columnHeading, table.columns[c]!, cell.display, cell.disclosure, '']));
      lines.push([period, table.key, table.rowHeading, row.label, table.columnHeading, 'TOTAL', row.total.display, row.total.disclosure, '']);
    }
    table.columnTotals.forEach((cell, c) => lines.push([period, table.key, table.rowHeading, 'TOTAL', table.columnHeading, table.columns[c]!, cell.display, cell.disclosure, '']));
    lines.push([period, table.key, table.rowHeading, 'TOTAL', table.columnHeading, 'TOTAL', table.total.display, table.total.disclosure, '']);
  }
  for (const times of report.decisionTimes) {
    lines.push([period, 'decisionTimes', 'Lane', times.lane, 'Figure', 'median_days', times.medianDays?.toString() ?? '', times.note ?? 'PUBLISHED', times.note ?? '']);
    lines.push([period, 'decisionTimes', 'Lane', times.lane, 'Figure', 'p90_days', times.percentile90Days?.toString() ?? '', times.note ?? 'PUBLISHED', times.note ?? '']);
  }
  return `${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so that spreadsheets do not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function reportAsHtml(report: TransparencyReportData, links: { json: string; csv: string; previous: string; next: string | null }): string {
  const { period } = report;
  const title = `Interlock transparency report, ${period.label}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(period.kind === 'MONTH' ? 'Calendar month' : 'Calendar quarter')} from ${isoDay(period.start)} to ${isoDay(new Date(period.end.getTime() - 1))} (UTC).
Counts from 1 to ${report.threshold - 1} are shown as “&lt;${report.threshold}”; a count shown as “x” is withheld so that such a count cannot be worked out from the totals.
A table is withheld whole where no such pattern would protect its small counts.</p>
<nav><a href="${escapeHtml(links.previous)}" rel="prev">← previous</a>${links.next ? ` · <a href="${escapeHtml(links.next)}" rel="next">next →</a>` : ''} · <a href="${escapeHtml(links.json)}">JSON</a> · <a href="${escapeHtml(links.csv)}">CSV</a></nav>
</header>
<main>
${report.tables.map(tableSection).join('\n')}
<section id="decisionTimes">
<h2>Days from submission to decision</h2>
<table><thead><tr><th>Lane</th><th>Median</th><th>90th percentile</th></tr></thead><tbody>
${report.decisionTimes
  .map((t) => `<tr><th scope="row">${escapeHtml(label(t.lane))}</th>${t.medianDays === null ? `<td colspan="2" class="note">${escapeHtml(t.note ?? '')}</td>` : `<td>${t.medianDays}</td><td>${t.percentile90Days}</td>`}</tr>`)
  .join('\n')}
</tbody></table>
</section>
</main>
<footer><p>Generated ${escapeHtml(report.generatedAt.toISOString())}. Only records whose owners have not restricted them (TLP AMBER or below, no releasability list) are counted.</p></footer>
</body>
</html>
`;
}

function tableSection(table: ReportTable): string {
  const head = `<tr><th scope="col">${escapeHtml(table.rowHeading)} \\ ${escapeHtml(table.columnHeading)}</th>${table.columns.map((c) => `<th scope="col">${escapeHtml(label(c))}</th>`).join('')}<th scope="col">Total</th></tr>`;
  const body = table.rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(label(row.label))}</th>${row.cells.map((cell) => `<td class="${cell.disclosure.toLowerCase()}">${escapeHtml(cell.display)}</td>`).join('')}<td class="total ${row.total.disclosure.toLowerCase()}">${escapeHtml(row.total.display)}</td></tr>`,
    )
    .join('\n');
  const foot = `<tr><th scope="row">Total</th>${table.columnTotals.map((cell) => `<td class="total ${cell.disclosure.toLowerCase()}">${escapeHtml(cell.display)}</td>`).join('')}<td class="total ${table.total.disclosure.toLowerCase()}">${escapeHtml(table.total.display)}</td></tr>`;
  const content =
    table.withheld !== null
      ? `<p class="withheld"><strong>Withheld.</strong> ${escapeHtml(table.withheld)}</p>`
      : table.rows.length === 0
      ? '<p class="empty">None in this period.</p>'
      : `${barChart(table)}<table><thead>${head}</thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table>`;
  return `<section id="${escapeHtml(table.key)}"><h2>${escapeHtml(table.title)}</h2>${content}</section>`;
}

/** Row totals as horizontal bars; a suppressed total is drawn as an outline with its mark. */
function barChart(table: ReportTable): string {
  const rowHeight = 22;
  const labelWidth = 230;
  const barWidth = 420;
  const max = Math.max(1, ...table.rows.map((r) => r.total.value ?? 0));
  const bars = table.rows
    .map((row, i) => {
      const y = i * rowHeight;
      const text = `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(truncate(label(row.label), 32))}</text>`;
      if (row.total.value === null) {
        return `${text}<rect class="suppressed" x="${labelWidth}" y="${y + 3}" width="24" height="${rowHeight - 6}"/><text x="${labelWidth + 30}" y="${y + 15}">${escapeHtml(row.total.display)}</text>`;
      }
      const width = Math.max(1, Math.round((row.total.value / max) * barWidth));
      return `${text}<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 6}"/><text x="${labelWidth + width + 6}" y="${y + 15}">${row.total.value}</text>`;
    })
    .join('');
  const height = table.rows.length * rowHeight;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(`${table.title} by ${table.rowHeading.toLowerCase()}`)}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}" width="${labelWidth + barWidth + 60}" height="${height}" xmlns="http://www.w3.org/2000/svg">${bars}</svg>`;
}

const label = (key: string) => key.replaceAll('_', ' ');
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const isoDay = (instant: Date) => instant.toISOString().slice(0, 10);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:980px;padding:1.5rem;color:#1b1f24}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d0d7de;padding:.25rem .55rem;text-align:right}th[scope=row]{text-align:left;font-weight:500}
thead th{background:#f6f8fa}td.total,tfoot td{font-weight:600}td.primary,td.complementary{color:#8c959f;font-style:italic}
td.note{text-align:left;color:#57606a;font-style:italic}.empty{color:#57606a}
.withheld{color:#57606a;border-left:3px solid #8c959f;padding-left:.6rem}
svg.chart{display:block;max-width:100%;height:auto;font-size:12px}svg.chart rect.bar{fill:#2f6feb}
svg.chart rect.suppressed{fill:none;stroke:#8c959f;stroke-dasharray:3 2}svg.chart text{fill:#1b1f24}
nav a{color:#0b57d0}footer{margin-top:2.5rem;color:#57606a;font-size:.85rem}
`;
