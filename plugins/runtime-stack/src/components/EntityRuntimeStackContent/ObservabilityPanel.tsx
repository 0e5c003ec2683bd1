import { Link } from '@backstage/core-components';
import type { EntityObservability } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

/** Evidence per capability, then the alerts, dashboards, targets and links behind it. */
export const ObservabilityPanel = ({
  value,
}: {
  value: EntityObservability;
}) => (
  <>
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={1}>
      {value.evidence.map(e => (
        <Chip
          key={e.capability}
          size="small"
          color={e.status === 'evidenced' ? 'primary' : 'default'}
          variant={e.status === 'none' ? 'outlined' : 'default'}
          label={`${e.capability}: ${e.summary}`}
        />
      ))}
    </Box>
    {value.errors.map(e => (
      <Typography key={e.source} variant="body2" color="error">
        {e.source} could not be read: {e.message}
      </Typography>
    ))}
    <List dense aria-label="Alerts">
      {value.alerts.map(alert => (
        <ListItem key={`${alert.source}/${alert.name}`}>
          <ListItemText
            primary={`${alert.name} (${alert.state})`}
            secondary={alert.annotations.summary ?? alert.labels.severity}
          />
        </ListItem>
      ))}
    </List>
    {value.dashboards.length + value.links.length > 0 && (
      <List dense aria-label="Dashboards and links">
        {value.dashboards.map(d => (
          <ListItem key={d.url}>
            <Link to={d.url}>{d.title}</Link>
          </ListItem>
        ))}
        {value.links.map(l => (
          <ListItem key={`${l.title}/${l.url}`}>
            <Link to={l.url}>
              {l.title}
              {l.cluster ? ` (${l.cluster}/${l.namespace})` : ''}
            </Link>
          </ListItem>
        ))}
      </List>
    )}
  </>
);
