import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, within } from '@testing-library/react';
import { chartWidthFor, scalePoints, TrendChart } from './TrendChart';
import {
  ManualResizeObserver,
  useManualResizeObserver,
} from '../../__testUtils__/manualResizeObserver';

const area = { left: 40, top: 10, width: 500, height: 200 };

describe('scalePoints', () => {
  it('places days by date from left to right and ratios from 0 at the bottom to 1 at the top', () => {
    const [s] = scalePoints(
      [
        {
          name: 'Estate',
          points: [
            { day: '2026-11-01', ratio: 0, required: 4 },
            { day: '2026-11-03', ratio: 0.5, required: 4 },
            { day: '2026-11-11', ratio: 1, required: 4 },
          ],
        },
      ],
      area,
    );
    expect(s.points).toEqual([
      { day: '2026-11-01', ratio: 0, required: 4, x: 40, y: 210 },
      // 2 of 10 days along: a missing day leaves a gap in time.
      { day: '2026-11-03', ratio: 0.5, required: 4, x: 140, y: 110 },
      { day: '2026-11-11', ratio: 1, required: 4, x: 540, y: 10 },
    ]);
  });

  it('shares the days of all series and sorts each by day', () => {
    const [a, b] = scalePoints(
      [
        {
          name: 'Layer 3',
          points: [
            { day: '2026-11-05', ratio: 0.25, required: 4 },
            { day: '2026-11-03', ratio: 0.75, required: 4 },
          ],
        },
        {
          name: 'Layer 4',
          points: [{ day: '2026-11-01', ratio: 1, required: 4 }],
        },
      ],
      area,
    );
    expect(a.points.map(p => [p.day, p.x, p.y])).toEqual([
      ['2026-11-03', 290, 60],
      ['2026-11-05', 540, 160],
    ]);
    expect(b.points.map(p => [p.x, p.y])).toEqual([[40, 10]]);
  });

  it('centres a single day and keeps ratios inside the plot', () => {
    const [s] = scalePoints(
      [
        {
          name: 'Estate',
          points: [{ day: '2026-11-20', ratio: 1.2, required: 4 }],
        },
      ],
      area,
    );
    expect(s.points).toEqual([
      { day: '2026-11-20', ratio: 1.2, required: 4, x: 290, y: 10 },
    ]);
  });

  it('gives a day that required nothing no value, rather than 100 %', () => {
    const [s] = scalePoints(
      [
        {
          name: 'Estate',
          points: [
            { day: '2026-11-01', ratio: 0.5, required: 4 },
            { day: '2026-11-02', ratio: 1, required: 0 },
          ],
        },
      ],
      area,
    );
    expect(s.points[1]).toEqual({
      day: '2026-11-02',
      ratio: 1,
      required: 0,
      x: 540,
    });
    expect(s.points[1]).not.toHaveProperty('y');
  });

  it('places days that are not dates by their order', () => {
    const [s] = scalePoints(
      [
        {
          name: 'x',
          points: [
            { day: 'a', ratio: 0, required: 4 },
            { day: 'b', ratio: 0, required: 4 },
            { day: 'c', ratio: 0, required: 4 },
          ],
        },
      ],
      area,
    );
    expect(s.points.map(p => p.x)).toEqual([40, 290, 540]);
  });
});

describe('TrendChart', () => {
  it('draws a line with a dot per point, gridlines and a legend', async () => {
    const { container } = await renderInTestApp(
      <TrendChart
        ariaLabel="Estate coverage"
        series={[
          {
            name: 'Estate',
            points: [
              { day: '2026-11-18', ratio: 0.5, required: 4 },
              { day: '2026-11-19', ratio: 0.7, required: 4 },
              { day: '2026-11-20', ratio: 0.83, required: 4 },
            ],
          },
          {
            name: 'Layer 3',
            points: [{ day: '2026-11-20', ratio: 0.25, required: 4 }],
          },
          { name: 'Layer 4', points: [] },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Estate coverage' });
    expect(chart).toHaveAttribute('viewBox', '0 0 600 220');
    expect(chart.querySelectorAll('circle')).toHaveLength(4);
    expect(within(chart).getAllByTestId('trend-gridline')).toHaveLength(3);
    expect(within(chart).getByText('0%')).toBeInTheDocument();
    expect(within(chart).getByText('50%')).toBeInTheDocument();
    expect(within(chart).getByText('100%')).toBeInTheDocument();

    // One line for the series with several points; a single point is a dot.
    const lines = chart.querySelectorAll('polyline');
    expect(lines).toHaveLength(1);
    expect(lines[0].getAttribute('points')).toBe('44,102 314,66 584,42.6');
    const titles = Array.from(chart.querySelectorAll('circle title')).map(
      t => t.textContent,
    );
    expect(titles).toEqual([
      'Estate, 2026-11-18: 50%',
      'Estate, 2026-11-19: 70%',
      'Estate, 2026-11-20: 83%',
      'Layer 3, 2026-11-20: 25%',
    ]);
    const colours = Array.from(
      container.querySelectorAll('g[data-series] circle:first-of-type'),
    ).map(c => c.getAttribute('fill'));
    expect(new Set(colours).size).toBe(2);

    const legend = screen.getByRole('list', { name: 'Estate coverage legend' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['Estate', 'Layer 3']);
  });

  it('tells lines apart by dash pattern as well as colour, in the legend too', async () => {
    const day = (ratio: number) => [
      { day: '2026-11-19', ratio, required: 4 },
      { day: '2026-11-20', ratio, required: 4 },
    ];
    const { container } = await renderInTestApp(
      <TrendChart
        ariaLabel="By layer"
        series={[
          { name: 'Estate', points: day(0.5) },
          { name: 'Layer 3', points: day(0.3) },
          { name: 'Layer 4', points: day(0.7) },
        ]}
      />,
    );
    const dashes = Array.from(container.querySelectorAll('polyline')).map(l =>
      l.getAttribute('stroke-dasharray'),
    );
    expect(dashes[0]).toBeNull();
    expect(new Set(dashes).size).toBe(3);
    const legendDashes = Array.from(
      screen
        .getByRole('list', { name: 'By layer legend' })
        .querySelectorAll('line'),
    ).map(l => l.getAttribute('stroke-dasharray'));
    expect(legendDashes).toEqual(dashes);
  });

  it('gives a lone series plain tooltips', async () => {
    await renderInTestApp(
      <TrendChart
        ariaLabel="Service coverage"
        height={120}
        series={[
          {
            name: 'Coverage',
            points: [{ day: '2026-11-20', ratio: 0.83, required: 4 }],
          },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Service coverage' });
    expect(chart).toHaveAttribute('viewBox', '0 0 600 120');
    expect(chart.querySelectorAll('polyline')).toHaveLength(0);
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
    expect(chart.querySelector('circle title')).toHaveTextContent(
      '2026-11-20: 83%',
    );
  });

  it('breaks the line at a day that required nothing, with "—" as its tooltip', async () => {
    await renderInTestApp(
      <TrendChart
        ariaLabel="Service coverage"
        series={[
          {
            name: 'Coverage',
            points: [
              { day: '2026-11-17', ratio: 0.5, required: 4 },
              { day: '2026-11-18', ratio: 0.75, required: 4 },
              { day: '2026-11-19', ratio: 1, required: 0 },
              { day: '2026-11-20', ratio: 0.5, required: 4 },
            ],
          },
        ]}
      />,
    );
    const chart = screen.getByRole('img', { name: 'Service coverage' });
    // A line up to the gap, then a lone dot after it; nothing drawn at 100 %.
    const lines = chart.querySelectorAll('polyline');
    expect(lines).toHaveLength(1);
    expect(lines[0].getAttribute('points')).toBe('44,102 224,57');
    const dots = Array.from(chart.querySelectorAll('circle'));
    expect(dots.map(c => c.querySelector('title')?.textContent)).toEqual([
      '2026-11-17: 50%',
      '2026-11-18: 75%',
      '2026-11-20: 50%',
    ]);
    expect(dots.some(c => c.getAttribute('cy') === '12')).toBe(false);
    const gap = within(chart).getByTestId('trend-gap');
    expect(gap).toHaveAttribute('fill', 'transparent');
    expect(gap.querySelector('title')).toHaveTextContent('2026-11-19: —');
  });

  describe('in a container of its own width', () => {
    useManualResizeObserver();
    afterEach(() => jest.restoreAllMocks());

    const series = [
      {
        name: 'Coverage',
        points: [
          { day: '2026-11-18', ratio: 0.5, required: 4 },
          { day: '2026-11-20', ratio: 1, required: 4 },
        ],
      },
    ];
    const fontSizes = (chart: HTMLElement) =>
      Array.from(chart.querySelectorAll('text')).map(text =>
        text.getAttribute('font-size'),
      );

    it('draws one unit per pixel of its container, so labels keep their size in a narrow card as on a wide page', async () => {
      // Measured before the first paint: never drawn at another scale first.
      jest
        .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
        .mockReturnValue(320);
      await renderInTestApp(
        <TrendChart ariaLabel="Service coverage" series={series} />,
      );
      const chart = screen.getByRole('img', { name: 'Service coverage' });
      expect(chart).toHaveAttribute('viewBox', '0 0 320 220');
      // The plot spans the width between the margins (44 left, 16 right).
      expect(chart.querySelector('polyline')).toHaveAttribute(
        'points',
        '44,102 304,12',
      );
      expect(fontSizes(chart)).toEqual(['12', '12', '12', '12', '12']);

      // The card widens with the window.
      const [observer] = ManualResizeObserver.instances;
      act(() => observer.resize(900));
      expect(chart).toHaveAttribute('viewBox', '0 0 900 220');
      expect(chart.querySelector('polyline')).toHaveAttribute(
        'points',
        '44,102 884,12',
      );
      expect(fontSizes(chart)).toEqual(['12', '12', '12', '12', '12']);
    });

    it('scales down only below its narrowest box, and stops observing when it goes away', async () => {
      const { unmount } = await renderInTestApp(
        <TrendChart ariaLabel="Service coverage" series={series} />,
      );
      const chart = screen.getByRole('img', { name: 'Service coverage' });
      // jsdom lays nothing out: a width it cannot measure keeps the default.
      expect(chart).toHaveAttribute('viewBox', '0 0 600 220');
      const [observer] = ManualResizeObserver.instances;
      act(() => observer.resize(150));
      expect(chart).toHaveAttribute('viewBox', '0 0 200 220');
      unmount();
      expect(observer.observed).toEqual([]);
    });
  });

  it('sizes its coordinate box by the width measured, 600 when there is none', () => {
    expect(chartWidthFor(undefined)).toBe(600);
    expect(chartWidthFor(340)).toBe(340);
    expect(chartWidthFor(1200)).toBe(1200);
    expect(chartWidthFor(120)).toBe(200);
  });

  it('says so when there are no points', async () => {
    await renderInTestApp(
      <TrendChart
        ariaLabel="Estate coverage"
        series={[{ name: 'Estate', points: [] }]}
        emptyMessage="No history yet"
      />,
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByText('No history yet')).toBeInTheDocument();
  });
});
