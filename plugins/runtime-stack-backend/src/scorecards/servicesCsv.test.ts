import type { ServiceScore } from '@internal/backstage-plugin-runtime-stack-common';
import { csvCell, servicesCsv } from './servicesCsv';

describe('csvCell', () => {
  it.each([
    ['plain text', 'component:default/pay-api', 'component:default/pay-api'],
    ['an empty field', '', ''],
    ['a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a plus', '+1', "'+1"],
    ['a minus', '-1+2', "'-1+2"],
    ['an at', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab', '\t=1+2', "'\t=1+2"],
    ['a leading carriage return', '\r=1+2', `"'\r=1+2"`],
    ['a formula sign further in', 'a=b', 'a=b'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line feed', 'a\nb', '"a\nb"'],
    ['a CRLF', 'a\r\nb', '"a\r\nb"'],
  ])('writes %s as a field', (_, value, field) => {
    expect(csvCell(value)).toBe(field);
  });

  it.each([
    [0, '0'],
    [-5, '-5'],
    [83.3, '83.3'],
  ])('writes the number %p as it is', (value, field) => {
    expect(csvCell(value)).toBe(field);
  });
});

describe('servicesCsv', () => {
  const row: ServiceScore = {
    entityRef: 'component:default/pay-api',
    owner: 'group:default/payments',
    profile: 'tier-1',
    required: 3,
    covered: 2,
    partial: 0,
    ratio: 2 / 3,
    gapCount: 1,
    exemptCount: 0,
    evaluatedAt: '2026-11-23T10:00:00.000Z',
  };

  it('writes a header and a line per service, CRLF-ended', () => {
    expect(servicesCsv([row, { ...row, lifecycle: '=cmd' }])).toBe(
      'service,owner,system,lifecycle,profile,coverage_percent,required,covered,partial,gaps,exempt,evaluated_at\r\n' +
        'component:default/pay-api,group:default/payments,,,tier-1,66.7,3,2,0,1,0,2026-11-23T10:00:00.000Z\r\n' +
        "component:default/pay-api,group:default/payments,,'=cmd,tier-1,66.7,3,2,0,1,0,2026-11-23T10:00:00.000Z\r\n",
    );
  });

  it('leaves the coverage empty when nothing is required, as the table shows —', () => {
    const nothingRequired = { ...row, required: 0, covered: 0, gapCount: 0 };
    expect(
      servicesCsv([{ ...nothingRequired, ratio: 1 }]).split('\r\n')[1],
    ).toBe(
      'component:default/pay-api,group:default/payments,,,tier-1,,0,0,0,0,0,2026-11-23T10:00:00.000Z',
    );
  });
});
