import type { ServiceScore } from '@internal/backstage-plugin-runtime-stack-common';

const COLUMNS: Array<[string, (s: ServiceScore) => string | number]> = [
  ['service', s => s.entityRef],
  ['owner', s => s.owner ?? ''],
  ['system', s => s.system ?? ''],
  ['lifecycle', s => s.lifecycle ?? ''],
  ['profile', s => s.profile],
  // Empty, not 100, when nothing is required: a spreadsheet averaging the
  // column would count such a service as fully covered.
  [
    'coverage_percent',
    s => (s.required === 0 ? '' : Math.round(s.ratio * 1000) / 10),
  ],
  ['required', s => s.required],
  ['covered', s => s.covered],
  ['partial', s => s.partial],
  ['gaps', s => s.gapCount],
  ['exempt', s => s.exemptCount],
  ['evaluated_at', s => s.evaluatedAt],
];

/**
 * What a spreadsheet may read as the start of a formula: = + - @, and a tab
 * or carriage return, which some strip before looking for one (OWASP's CSV
 * injection advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field, RFC 4180: quoted when it holds a quote, comma or line break.
 * Text that could start a formula gets a leading `'`, so a spreadsheet shows
 * it rather than runs it; numbers are the figures themselves.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The services table as CSV, header first, CRLF line ends. */
export function servicesCsv(rows: ServiceScore[]): string {
  return [
    COLUMNS.map(([name]) => name).join(','),
    ...rows.map(row =>
      COLUMNS.map(([, value]) => csvCell(value(row))).join(','),
    ),
  ]
    .map(line => `${line}\r\n`)
    .join('');
}
