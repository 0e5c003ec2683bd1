import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { runtimeStackTranslationRef } from '../../translation';
import { heatColor, heatTextColor, NEUTRAL_HEAT_COLOR } from './heatColor';
import { percentText } from '../shared/percentText';

const STEPS = [0, 0.25, 0.5, 0.75, 1];

const Swatch = ({ color, label }: { color: string; label: string }) => (
  <Box
    component="span"
    display="inline-block"
    px={1}
    style={{
      background: color,
      color: heatTextColor(color),
      minWidth: '3em',
      textAlign: 'center',
    }}
  >
    <Typography variant="caption">{label}</Typography>
  </Box>
);

/** The colour scale of the heatmap, and the grey of "nothing required". */
export const HeatLegend = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 8 }}
      role="group"
      aria-label={t('scorecardsPage.heatmap.legendLabel')}
    >
      <Typography variant="caption" color="textSecondary">
        {t('scorecardsPage.heatmap.legendTitle')}
      </Typography>
      <Box display="inline-flex">
        {STEPS.map(step => (
          <Swatch
            key={step}
            color={heatColor(step)}
            label={percentText(t, step)}
          />
        ))}
      </Box>
      <Swatch color={NEUTRAL_HEAT_COLOR} label="—" />
      <Typography variant="caption" color="textSecondary">
        {t('scorecardsPage.heatmap.legendNote')}
      </Typography>
    </Box>
  );
};
