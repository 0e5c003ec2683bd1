import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText, percentText } from './percentText';

/**
 * A day's coverage: the ratio (0 to 1) and how many capabilities were
 * required. With none required the ratio is 1, which is no coverage at all,
 * so such a day is drawn as a gap rather than at 100 %.
 */
export interface TrendChartPoint {
  day: string;
  ratio: number;
  required: number;
}

/** One line of the chart: a point per `YYYY-MM-DD` day. */
export interface TrendChartSeries {
  name: string;
  points: TrendChartPoint[];
}

/** Where the plot sits inside the chart's coordinate box. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * A point of a series placed in the chart's coordinates; a day that
 * required nothing has no `y`, as it has no value to draw.
 */
export interface ScaledPoint extends TrendChartPoint {
  x: number;
  y?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since the epoch for `YYYY-MM-DD`, or undefined if it is not a date. */
function dayNumber(day: string): number | undefined {
  const time = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(time) ? undefined : Math.round(time / DAY_MS);
}

const round = (n: number) => Math.round(n * 100) / 100;

const clampRatio = (ratio: number) =>
  Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 0;

/**
 * Places every series in the plot area: x by calendar day across all series
 * (so a day without a snapshot leaves a gap in time, not a squeezed line),
 * y from 0 % at the bottom to 100 % at the top. A single day sits in the
 * middle. Days that are not dates are placed by their order instead.
 */
export function scalePoints(
  series: TrendChartSeries[],
  area: PlotArea,
): Array<{ name: string; points: ScaledPoint[] }> {
  const days = Array.from(
    new Set(series.flatMap(s => s.points.map(p => p.day))),
  ).sort((a, b) => a.localeCompare(b, 'en-US'));
  const numbers = days.map(dayNumber);
  const byDate = numbers.every(n => n !== undefined);
  const position = new Map<string, number>(
    days.map((day, index) => [day, byDate ? numbers[index] ?? 0 : index]),
  );
  const first = position.get(days[0]) ?? 0;
  const last = position.get(days[days.length - 1]) ?? 0;
  const span = last - first;

  const xOf = (day: string) =>
    span <= 0
      ? area.left + area.width / 2
      : area.left +
        (((position.get(day) ?? first) - first) / span) * area.width;
  const yOf = (ratio: number) =>
    area.top + (1 - clampRatio(ratio)) * area.height;

  return series.map(s => ({
    name: s.name,
    points: [...s.points]
      .sort((a, b) => a.day.localeCompare(b.day, 'en-US'))
      .map(p => ({
        day: p.day,
        ratio: p.ratio,
        required: p.required,
        x: round(xOf(p.day)),
        ...(p.required === 0 ? {} : { y: round(yOf(p.ratio)) }),
      })),
  }));
}

type DrawnPoint = ScaledPoint & { y: number };

const hasValue = (point: ScaledPoint): point is DrawnPoint =>
  point.y !== undefined;

/**
 * The stretches of consecutive points with a value: each is a line of its
 * own, so a day that required nothing breaks the line instead of joining
 * its neighbours across it.
 */
function drawnRuns(points: ScaledPoint[]): DrawnPoint[][] {
  const runs: DrawnPoint[][] = [];
  let run: DrawnPoint[] = [];
  for (const point of points) {
    if (hasValue(point)) {
      run.push(point);
    } else {
      if (run.length > 0) runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Distinct on light and dark backgrounds, and for the common colour blindnesses. */
export const SERIES_COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#7f7f7f',
];

const colourOf = (index: number) =>
  SERIES_COLOURS[index % SERIES_COLOURS.length];

/**
 * A dash pattern per series beside its colour, so lines stay apart where
 * colours do not (red and green, a grey printout); the first is solid.
 */
export const SERIES_DASHES = [
  undefined,
  '6 3',
  '2 3',
  '8 3 2 3',
  '12 4',
  '1 2',
  '6 2 2 2 2 2',
];

const dashOf = (index: number) => SERIES_DASHES[index % SERIES_DASHES.length];

/**
 * The coordinate box's width where the container's cannot be measured (no
 * layout, as in jsdom, or no ResizeObserver): the SVG then scales to fit.
 */
export const FALLBACK_WIDTH = 600;
/**
 * The narrowest coordinate box: a narrower container scales the chart down
 * rather than squeeze the plot between the axis labels.
 */
export const MIN_WIDTH = 200;
/** Axis labels in px, as a caption, whatever the container's width. */
const FONT_SIZE = 12;
const MARGIN = { left: 44, right: 16, top: 12, bottom: 28 };
const GRID = [0, 0.5, 1];
/** How wide the hover target of a day without a value is. */
const GAP_WIDTH = 8;

/**
 * The element's content width in px, kept current as it resizes; undefined
 * until measured, and where it cannot be (no layout or no ResizeObserver).
 */
function useContentWidth(ref: RefObject<HTMLElement>): number | undefined {
  const [width, setWidth] = useState<number>();
  // Measured before the first paint, so the chart is not drawn once at the
  // fallback scale and then again at its own.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const update = (measured: number) =>
      setWidth(measured > 0 ? Math.round(measured) : undefined);
    update(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(entries => {
      const entry = entries[entries.length - 1];
      if (entry) update(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The width of the chart's coordinate box for a container `measured` px
 * wide: the container's own, so one unit is one pixel and the labels keep
 * their size in a narrow card as on a wide page.
 */
export function chartWidthFor(measured: number | undefined): number {
  return measured === undefined
    ? FALLBACK_WIDTH
    : Math.max(MIN_WIDTH, measured);
}

/**
 * Coverage over time as lines, 0 to 100 %, one per series, drawn as plain
 * SVG. The coordinate box follows the container's width, so text stays
 * the same size in a narrow card as on a wide page. Each point is a dot whose tooltip gives its day and percentage; a
 * day that required nothing is a gap in its line, with "—" as its tooltip.
 */
export const TrendChart = ({
  series,
  height = 220,
  ariaLabel,
  emptyMessage,
}: {
  series: TrendChartSeries[];
  height?: number;
  ariaLabel: string;
  emptyMessage?: ReactNode;
}) => {
  const theme = useTheme();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const container = useRef<HTMLDivElement>(null);
  const width = chartWidthFor(useContentWidth(container));
  // Colours follow a series' place in `series`, so toggling others keeps them.
  const shown = series
    .map((s, index) => ({
      ...s,
      colour: colourOf(index),
      dash: dashOf(index),
    }))
    .filter(s => s.points.length > 0);
  if (shown.length === 0) {
    return (
      // The same element as the chart's below, so it stays measured when
      // the first points come.
      <div ref={container}>
        <Typography variant="body2" color="textSecondary">
          {emptyMessage ?? t('trendChart.noPoints')}
        </Typography>
      </div>
    );
  }

  const area: PlotArea = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: Math.max(40, height - MARGIN.top - MARGIN.bottom),
  };
  const scaled = scalePoints(shown, area).map((s, index) => ({
    ...s,
    colour: shown[index].colour,
    dash: shown[index].dash,
  }));
  const allPoints = scaled.flatMap(s => s.points);
  const firstPoint = allPoints.reduce((a, b) => (b.x < a.x ? b : a));
  const lastPoint = allPoints.reduce((a, b) => (b.x > a.x ? b : a));
  const several = scaled.length > 1;
  const textColour = theme.palette.text.secondary;
  const gridColour = theme.palette.divider;

  return (
    <div ref={container}>
      <svg
        role="img"
        aria-label={ariaLabel}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ display: 'block', maxWidth: '100%', height: 'auto' }}
      >
        {GRID.map(ratio => {
          const y = area.top + (1 - ratio) * area.height;
          return (
            <g key={ratio} data-testid="trend-gridline">
              <line
                x1={area.left}
                x2={area.left + area.width}
                y1={y}
                y2={y}
                stroke={gridColour}
                strokeDasharray={ratio === 0 ? undefined : '4 4'}
              />
              <text
                x={area.left - 6}
                y={y}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize={FONT_SIZE}
                fill={textColour}
              >
                {percentText(t, ratio)}
              </text>
            </g>
          );
        })}
        <text
          x={firstPoint.x}
          y={height - 8}
          textAnchor={firstPoint.x === lastPoint.x ? 'middle' : 'start'}
          fontSize={FONT_SIZE}
          fill={textColour}
        >
          {firstPoint.day}
        </text>
        {lastPoint.day !== firstPoint.day && (
          <text
            x={lastPoint.x}
            y={height - 8}
            textAnchor="end"
            fontSize={FONT_SIZE}
            fill={textColour}
          >
            {lastPoint.day}
          </text>
        )}
        {scaled.map(s => {
          const pointText = (p: ScaledPoint) =>
            several
              ? t('trendChart.seriesPoint', {
                  series: s.name,
                  day: p.day,
                  percent: coveragePercentText(t, p),
                })
              : t('trendChart.point', {
                  day: p.day,
                  percent: coveragePercentText(t, p),
                });
          return (
            <g key={s.name} data-series={s.name}>
              {drawnRuns(s.points).map(run => (
                <g key={run[0].day}>
                  {run.length > 1 && (
                    <polyline
                      points={run.map(p => `${p.x},${p.y}`).join(' ')}
                      fill="none"
                      stroke={s.colour}
                      strokeWidth={2}
                      strokeDasharray={s.dash}
                      strokeLinejoin="round"
                    />
                  )}
                  {run.map(p => (
                    <circle
                      key={p.day}
                      cx={p.x}
                      cy={p.y}
                      // A dot without a line is drawn larger to be seen.
                      r={run.length === 1 ? 4 : 3}
                      fill={s.colour}
                    >
                      <title>{pointText(p)}</title>
                    </circle>
                  ))}
                </g>
              ))}
              {s.points
                .filter(p => !hasValue(p))
                .map(p => (
                  // Nothing drawn, but the gap still answers a hover.
                  <rect
                    key={p.day}
                    data-testid="trend-gap"
                    x={p.x - GAP_WIDTH / 2}
                    y={area.top}
                    width={GAP_WIDTH}
                    height={area.height}
                    fill="transparent"
                  >
                    <title>{pointText(p)}</title>
                  </rect>
                ))}
            </g>
          );
        })}
      </svg>
      <Box
        component="ul"
        aria-label={t('trendChart.legend', { chart: ariaLabel })}
        display="flex"
        flexWrap="wrap"
        p={0}
        m={0}
        mt={1}
        style={{ listStyle: 'none', gap: 16 }}
      >
        {scaled.map(s => (
          <Box
            component="li"
            key={s.name}
            display="flex"
            alignItems="center"
            style={{ gap: 6 }}
          >
            {/* The line as drawn: colour and dash pattern. */}
            <svg aria-hidden width={24} height={12} viewBox="0 0 24 12">
              <line
                x1={0}
                y1={6}
                x2={24}
                y2={6}
                stroke={s.colour}
                strokeWidth={3}
                strokeDasharray={s.dash}
              />
            </svg>
            <Typography variant="body2" component="span">
              {s.name}
            </Typography>
          </Box>
        ))}
      </Box>
    </div>
  );
};
