/** Text made safe for HTML, attribute values included. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem}dt{font-weight:600}dd{margin:0}
.erased{color:#8a1c1c;font-style:italic}.note{background:#f6f8fa;border-left:4px solid #005eb8;padding:.6rem 1rem}
.retracted{text-decoration:line-through;color:#666}`;

/** A complete document that loads nothing: its style is inline, it has no script. */
export const htmlDocument = (title: string, body: string): string =>
  `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;

const isErased = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (value as { erased?: unknown }).erased === true &&
  Object.keys(value).length === 1;

const isCoded = (value: unknown): value is { code: string; list: string; version: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { code?: unknown }).code === 'string' &&
  typeof (value as { list?: unknown }).list === 'string';

/** Any stored value as HTML: coded values by their code, nested objects as definition lists, erased fields marked. */
export const valueHtml = (value: unknown): string => {
  if (value === null || value === undefined) return '<span>none</span>';
  if (value instanceof Date) return escapeHtml(value.toISOString());
  if (isErased(value)) return '<span class="erased">erased</span>';
  if (isCoded(value)) return `${escapeHtml(value.code)} <small>(${escapeHtml(value.list)} ${escapeHtml(value.version)})</small>`;
  if (Array.isArray(value))
    return value.length === 0 ? '<span>none</span>' : `<ul>${value.map((item) => `<li>${valueHtml(item)}</li>`).join('')}</ul>`;
  if (typeof value === 'object')
    return `<dl>${Object.entries(value)
      .map(([key, item]) => `<dt>${escapeHtml(key)}</dt><dd>${valueHtml(item)}</dd>`)
      .join('')}</dl>`;
  return escapeHtml(String(value));
};

/** Rows of objects as a table with a column per key. */
export const tableHtml = (rows: readonly Readonly<Record<string, unknown>>[]): string => {
  if (rows.length === 0) return '<p>None.</p>';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${columns.map((c) => `<td>${valueHtml(row[c])}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
};
