import { freshScanReports } from './freshScanReports';
import { loadFixture } from './fixtures';

describe('freshScanReports', () => {
  it('dates the example cluster’s scan reports two hours before now, and nothing else', () => {
    const objects = loadFixture('prod-eu-1');
    const now = new Date('2026-12-06T12:00:00Z');
    const fresh = freshScanReports(objects, now);
    const reports = fresh.filter(o => o.kind === 'VulnerabilityReport');
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) {
      expect((report as any).report.updateTimestamp).toBe(
        '2026-12-06T10:00:00.000Z',
      );
      expect(report.metadata.creationTimestamp).toBe(
        '2026-12-06T10:00:00.000Z',
      );
      // The counts are the fixture's.
      expect((report as any).report.summary).toEqual(
        (objects.find(o => o.metadata.name === report.metadata.name) as any)
          .report.summary,
      );
    }
    const others = (list: typeof objects) =>
      list.filter(o => o.kind !== 'VulnerabilityReport');
    expect(others(fresh)).toEqual(others(objects));
    // The fixture itself is left as it was.
    expect(
      (objects.find(o => o.kind === 'VulnerabilityReport') as any).report
        .updateTimestamp,
    ).toBe('2024-10-01T06:00:00Z');
  });
});
