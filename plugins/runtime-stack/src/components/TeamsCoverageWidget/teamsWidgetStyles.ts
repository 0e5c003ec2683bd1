import { makeStyles } from '@material-ui/core/styles';

export const useTeamsWidgetStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  team: {
    paddingBottom: theme.spacing(2),
    '& + &': {
      borderTop: `1px solid ${theme.palette.divider}`,
      paddingTop: theme.spacing(2),
    },
  },
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
  gaps: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));
