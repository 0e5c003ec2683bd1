import type { ServiceScore } from '@internal/backstage-plugin-runtime-stack-common';

const COLUMNS: Array<[string, (s: ServiceScore) => string | number]> = [
  ['service', s => s.entityRef],
  ['owner', s => s.owner ?? ''],
  ['system', s => s.system ?? ''],
  ['lifecycle', s => s.lifecycle ?? ''],
  ['profile', s => s.profile],
  ['coverage_percent', s => Math.round(s.ratio * 1000) / 10],
  ['required', s => s.required],
  ['covered', s => s.covered],
  ['partial', s => s.partial],
  ['gaps', s => s.gapCount],
  ['exempt', s => s.exemptCount],
  ['evaluated_at', s => s.evaluatedAt],
];

/** RFC 4180: quoted when needed; a leading =+-@ is defused for spreadsheets. */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The services table as CSV, header first, CRLF line ends. */
export function servicesCsv(rows: ServiceScore[]): string {
  return [
    COLUMNS.map(([name]) => name).join(','),
    ...rows.map(row => COLUMNS.map(([, value]) => cell(value(row))).join(',')),
  ]
    .map(line => `${line}\r\n`)
    .join('');
}
