import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { displayedPercent } from '@internal/backstage-plugin-runtime-stack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import type { CSSProperties } from 'react';
import { runtimeStackTranslationRef } from '../../translation';
import { percentText } from './percentText';

/**
 * A coverage ratio as a bar; nothing when nothing is required. Its value is
 * the percentage the text beside it shows, so a screen reader never hears
 * 100% while a gap is left, and it reads `valueText` (by default that
 * percentage in the app's words) rather than a bare number.
 */
export const CoverageBar = ({
  coverage,
  label,
  valueText,
  className,
  style,
}: {
  coverage: { required: number; ratio: number };
  label: string;
  valueText?: string;
  className?: string;
  style?: CSSProperties;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (coverage.required === 0) return null;
  return (
    <LinearProgress
      variant="determinate"
      value={displayedPercent(coverage.ratio)}
      aria-label={label}
      aria-valuetext={valueText ?? percentText(t, coverage.ratio)}
      className={className}
      style={style}
    />
  );
};
