/** The colour of a cell where nothing is required: no judgement either way. */
export const NEUTRAL_HEAT_COLOR = '#9e9e9e';

type Rgb = [number, number, number];

/** Red at 0, amber at one half, green at 1 (Material red/amber/green 700). */
const STOPS: Array<{ at: number; rgb: Rgb }> = [
  { at: 0, rgb: [0xd3, 0x2f, 0x2f] },
  { at: 0.5, rgb: [0xff, 0xa0, 0x00] },
  { at: 1, rgb: [0x38, 0x8e, 0x3c] },
];

const hex = (rgb: Rgb) =>
  `#${rgb.map(c => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * The colour of a coverage ratio on a red → amber → green scale, as
 * `#rrggbb`. Without a ratio (nothing required) the colour is a neutral grey,
 * so "nothing to cover" does not read as fully covered.
 */
export function heatColor(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) {
    return NEUTRAL_HEAT_COLOR;
  }
  const r = Math.min(1, Math.max(0, ratio));
  const upper = STOPS.findIndex(stop => stop.at >= r);
  if (upper <= 0) return hex(STOPS[0].rgb);
  const from = STOPS[upper - 1];
  const to = STOPS[upper];
  const t = (r - from.at) / (to.at - from.at);
  return hex(from.rgb.map((c, i) => c + (to.rgb[i] - c) * t) as unknown as Rgb);
}

/**
 * Black or white, whichever reads better on a `#rrggbb` background (WCAG
 * relative luminance).
 */
export function heatTextColor(background: string): string {
  const channels = [1, 3, 5].map(i => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance =
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05)
    ? '#000000'
    : '#ffffff';
}
