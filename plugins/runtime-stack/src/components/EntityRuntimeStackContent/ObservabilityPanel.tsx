import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ANY_SERVICE_LABEL,
  asSentence,
  ECOSYSTEM_ANNOTATIONS,
  type EntityObservability,
  type ServiceGrafanaAlert,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { formatWhen } from './formatWhen';
import { ErrorText } from '../shared/ErrorText';
import { AlertChip } from '../shared/AlertChip';
import { ScrollingTable } from '../shared/ScrollingTable';
import { WrappingListItemText } from '../shared/WrappingListItemText';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';
import { observabilitySummary } from '../shared/observabilitySummary';
import { namedRulesNotFound } from './namedRulesNotFound';
import { observabilityAdvice } from './observabilityAdvice';
import { labelsKey, uniqueKeys } from '../shared/uniqueKeys';

const matchedByText = (
  t: RuntimeStackT,
  matchedBy: EntityObservability['matchedBy'],
) =>
  [
    Object.entries(matchedBy.labels)
      .map(([k, v]) =>
        k === ANY_SERVICE_LABEL
          ? t('observabilityPanel.matchedBy.anyServiceLabel', { value: v })
          : `${k}=${v}`,
      )
      .join(', '),
    matchedBy.alertNames?.length
      ? t('observabilityPanel.matchedBy.alerts', {
          names: matchedBy.alertNames.join(', '),
        })
      : '',
    matchedBy.ruleNames?.length
      ? t('observabilityPanel.matchedBy.rules', {
          names: matchedBy.ruleNames.join(', '),
        })
      : '',
    matchedBy.grafanaAlertSelectors?.length
      ? t('observabilityPanel.matchedBy.grafanaSelectors', {
          selectors: matchedBy.grafanaAlertSelectors.join(
            t('observabilityPanel.matchedBy.or'),
          ),
        })
      : '',
  ]
    .filter(Boolean)
    .join('; ');

// Other states are Grafana's own words, shown as it says them.
const grafanaStateLabel = (t: RuntimeStackT, alert: ServiceGrafanaAlert) =>
  alert.state === 'alerting'
    ? t('observabilityPanel.grafanaAlerting', {
        firing: alert.firing,
        instances: alert.instances,
      })
    : alert.state;

const Heading = ({ children }: { children: ReactNode }) => (
  <Typography variant="subtitle2" component="h4" style={{ marginTop: 12 }}>
    {children}
  </Typography>
);

const NONE_COVERED: ReadonlySet<string> = new Set();

/**
 * Evidence per capability, with what to add where there is none, then the
 * alerts, alert rules, scrape targets, dashboards and links behind it.
 */
export const ObservabilityPanel = ({
  value,
  capabilityTitleOf = id => id,
  covered = NONE_COVERED,
}: {
  value: EntityObservability;
  /** The layer model's title of a capability id. */
  capabilityTitleOf?: (capability: string) => string;
  /**
   * Capabilities the coverage counts as covered, by other evidence (a
   * declared tool, a ServiceMonitor): no advice to add evidence for them.
   * `'loading'` while the coverage loads: the advice waits for it, rather
   * than show and then take back advice for what turns out to be covered.
   */
  covered?: ReadonlySet<string> | 'loading';
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const alertRules = value.rules.filter(r => r.type === 'alerting');
  const missing =
    covered === 'loading'
      ? []
      : value.evidence.filter(
          e => e.status === 'none' && !covered.has(e.capability),
        );
  const rulesNotFound = namedRulesNotFound(value);
  const matchedBy = matchedByText(t, value.matchedBy);
  // Alerts, rules and targets on the left; where to look and what to add on
  // the right, or across the whole width when there are no signals.
  const signals =
    value.alerts.length +
      alertRules.length +
      value.grafanaAlerts.length +
      value.targets.length >
    0;
  const dashboards = [
    ...(value.overviewDashboard
      ? [
          {
            title: t('observabilityPanel.overviewDashboard'),
            url: value.overviewDashboard,
          },
        ]
      : []),
    ...value.dashboards.map(d => ({
      title: d.folderTitle ? `${d.title} (${d.folderTitle})` : d.title,
      url: d.url,
    })),
  ];
  // One alert fires once per label set (instance, pod), one rule name may
  // sit in several rule groups: names alone repeat.
  const alertKeys = uniqueKeys(
    value.alerts,
    a => `${a.source}/${a.name}/${labelsKey(a.labels)}`,
  );
  const ruleKeys = uniqueKeys(
    alertRules,
    r => `${r.source}/${r.name}/${labelsKey(r.labels)}/${r.query}`,
  );
  const grafanaAlertKeys = uniqueKeys(value.grafanaAlerts, a => a.uid);
  const targetKeys = uniqueKeys(
    value.targets,
    target => `${target.source}/${target.scrapePool}/${target.scrapeUrl}`,
  );
  // The overview dashboard may also be one of those found.
  const dashboardKeys = uniqueKeys(dashboards, d => d.url);
  const linkKeys = uniqueKeys(value.links, l => `${l.title}/${l.url}`);
  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }} mb={1}>
        {value.evidence.map(e => (
          <Chip
            key={e.capability}
            size="small"
            color={e.status === 'evidenced' ? 'primary' : 'default'}
            variant={e.status === 'none' ? 'outlined' : 'default'}
            label={t('observabilityPanel.evidenceChip', {
              capability: capabilityTitleOf(e.capability),
              summary: observabilitySummary(t, e),
            })}
          />
        ))}
      </Box>
      {/* Nothing to match by (labels that cannot be read, named below): no line. */}
      {matchedBy && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t('observabilityPanel.matchedBy.intro', { what: matchedBy })}
        </Typography>
      )}
      {value.matchedBy.namesNotFound && (
        <Typography variant="caption" component="p">
          {t('observabilityPanel.namesNotFound', {
            names: value.matchedBy.namesNotFound.join(', '),
            ruleAnnotation: ECOSYSTEM_ANNOTATIONS.prometheusRule,
            alertAnnotation: ECOSYSTEM_ANNOTATIONS.prometheusAlert,
          })}
        </Typography>
      )}
      {value.errors.map(e => (
        <ErrorText key={e.source}>
          {t('observabilityPanel.sourceError', {
            source: e.source,
            message: e.message,
          })}
        </ErrorText>
      ))}

      <Grid container spacing={3}>
        {signals && (
          <Grid item xs={12} md={7}>
            {value.alerts.length > 0 && (
              <>
                <Heading>{t('observabilityPanel.alerts.title')}</Heading>
                <List
                  dense
                  aria-label={t('observabilityPanel.alerts.label')}
                  disablePadding
                >
                  {value.alerts.map((alert, i) => (
                    <ListItem key={alertKeys[i]}>
                      <WrappingListItemText
                        primary={`${alert.name} (${alert.state})`}
                        secondary={[
                          alert.annotations.summary ?? alert.labels.severity,
                          alert.activeAt &&
                            t('observabilityPanel.alerts.since', {
                              when: formatWhen(alert.activeAt),
                            }),
                          alert.source,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}

            {alertRules.length > 0 && (
              <>
                <Heading>{t('observabilityPanel.prometheusRules')}</Heading>
                <List
                  dense
                  aria-label={t('observabilityPanel.prometheusRules')}
                  disablePadding
                >
                  {alertRules.map((rule, i) => (
                    <ListItem key={ruleKeys[i]}>
                      <WrappingListItemText
                        primary={
                          <>
                            {rule.name}{' '}
                            <AlertChip
                              size="small"
                              alert={rule.state === 'firing'}
                              label={
                                rule.state ??
                                t('observabilityPanel.notEvaluated')
                              }
                            />
                          </>
                        }
                        secondary={[
                          rule.source,
                          rule.health === 'ok'
                            ? ''
                            : t('observabilityPanel.health', {
                                health: rule.health,
                              }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}

            {value.grafanaAlerts.length > 0 && (
              <>
                <Heading>{t('observabilityPanel.grafanaRules')}</Heading>
                <List
                  dense
                  aria-label={t('observabilityPanel.grafanaRules')}
                  disablePadding
                >
                  {value.grafanaAlerts.map((alert, i) => (
                    <ListItem key={grafanaAlertKeys[i]}>
                      <WrappingListItemText
                        primary={
                          <>
                            <Link to={alert.url}>{alert.title}</Link>{' '}
                            <AlertChip
                              size="small"
                              alert={
                                alert.state === 'alerting' ||
                                alert.state === 'error'
                              }
                              label={grafanaStateLabel(t, alert)}
                            />
                          </>
                        }
                        secondary={[
                          alert.summary,
                          alert.folderTitle,
                          alert.matchedSelector,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </ListItem>
                  ))}
                </List>
              </>
            )}

            {value.targets.length > 0 && (
              <>
                <Heading>{t('observabilityPanel.targets.title')}</Heading>
                <ScrollingTable
                  size="small"
                  aria-label={t('observabilityPanel.targets.title')}
                >
                  <TableHead>
                    <TableRow>
                      <TableCell>
                        {t('observabilityPanel.targets.target')}
                      </TableCell>
                      <TableCell>
                        {t('observabilityPanel.targets.health')}
                      </TableCell>
                      <TableCell>
                        {t('observabilityPanel.targets.lastScrape')}
                      </TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {value.targets.map((target, i) => (
                      <TableRow key={targetKeys[i]}>
                        <TableCell>
                          <Typography variant="body2">
                            {target.scrapeUrl}
                          </Typography>
                          <Typography variant="caption" color="textSecondary">
                            {target.scrapePool} · {target.source}
                          </Typography>
                        </TableCell>
                        <TableCell>
                          <AlertChip
                            size="small"
                            alert={target.health === 'down'}
                            label={target.health}
                          />
                        </TableCell>
                        <TableCell>
                          {target.lastScrape
                            ? formatWhen(target.lastScrape)
                            : '—'}
                          {target.lastError && (
                            <ErrorText>{target.lastError}</ErrorText>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </ScrollingTable>
              </>
            )}
          </Grid>
        )}
        <Grid item xs={12} md={signals ? 5 : 12}>
          {dashboards.length + value.links.length > 0 && (
            <>
              <Heading>{t('observabilityPanel.links')}</Heading>
              <List
                dense
                aria-label={t('observabilityPanel.links')}
                disablePadding
              >
                {dashboards.map((d, i) => (
                  <ListItem key={dashboardKeys[i]}>
                    <Link to={d.url}>{d.title}</Link>
                  </ListItem>
                ))}
                {value.links.map((l, i) => (
                  <ListItem key={linkKeys[i]}>
                    <Link to={l.url}>
                      {l.title}
                      {l.cluster ? ` (${l.cluster}/${l.namespace})` : ''}
                    </Link>
                    {l.type && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        style={{ marginLeft: 8 }}
                      >
                        {l.type}
                      </Typography>
                    )}
                  </ListItem>
                ))}
              </List>
            </>
          )}

          {missing.length > 0 && (
            <>
              <Heading>{t('observabilityPanel.hints.title')}</Heading>
              <List
                dense
                aria-label={t('observabilityPanel.hints.label')}
                disablePadding
              >
                {missing.map(e => (
                  <ListItem key={e.capability}>
                    <WrappingListItemText
                      primary={capabilityTitleOf(e.capability)}
                      secondary={asSentence(
                        observabilityAdvice(t, e, rulesNotFound) ?? '',
                      )}
                    />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </Grid>
      </Grid>
    </>
  );
};
