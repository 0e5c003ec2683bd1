import { Content, Header, Page } from '@backstage/core-components';
import {
  useAppSearchParams,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Container, Header as PluginPageHeader } from '@backstage/ui';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AdoptionSection } from './AdoptionSection';
import { ServicesTable } from './ServicesTable';
import { TeamHeatmap } from './TeamHeatmap';
import { TrendSection } from './TrendSection';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * A tab of the scorecards page, for linking straight to it.
 *
 * @public
 */
export type ScorecardTab = 'teams' | 'adoption' | 'trends' | 'services';

/** The tabs of the page, in order; each names its panel and its label. */
export const SCORECARD_TABS: ReadonlyArray<ScorecardTab> = [
  'teams',
  'adoption',
  'trends',
  'services',
];

const panel = (tab: ScorecardTab) => {
  switch (tab) {
    case 'teams':
      return <TeamHeatmap />;
    case 'adoption':
      return <AdoptionSection />;
    case 'trends':
      return <TrendSection />;
    default:
      return <ServicesTable />;
  }
};

const isTab = (value: string | null): value is ScorecardTab =>
  SCORECARD_TABS.some(id => id === value);

/**
 * The tabs and the open one's panel. The open tab is the page's `tab`
 * search parameter, so a reload, the back button and a shared link keep it.
 */
const ScorecardsTabs = (props: { initialTab?: ScorecardTab }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const [searchParams, setSearchParams] = useAppSearchParams();
  const requested = searchParams.get('tab');
  const tab = isTab(requested) ? requested : props.initialTab ?? 'teams';
  const open = (next: ScorecardTab) =>
    setSearchParams(
      params => {
        params.set('tab', next);
        return params;
      },
      { replace: true },
    );
  return (
    <>
      <Tabs
        value={tab}
        onChange={(_, next: ScorecardTab) => open(next)}
        indicatorColor="primary"
        textColor="primary"
        aria-label={t('scorecardsPage.tabsLabel')}
      >
        {SCORECARD_TABS.map(id => (
          <Tab
            key={id}
            value={id}
            label={t(`scorecardsPage.tabs.${id}`)}
            id={`runtime-stack-scorecards-tab-${id}`}
            aria-controls={`runtime-stack-scorecards-panel-${id}`}
          />
        ))}
      </Tabs>
      <Box
        mt={2}
        role="tabpanel"
        id={`runtime-stack-scorecards-panel-${tab}`}
        aria-labelledby={`runtime-stack-scorecards-tab-${tab}`}
      >
        {panel(tab)}
      </Box>
    </>
  );
};

/**
 * How well the estate covers the layer model: teams × layers, which tools
 * cover each capability, coverage over time, and every service. A page of
 * its own, with the header a legacy app's pages have.
 */
export const ScorecardsPage = (props: { initialTab?: ScorecardTab }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Page themeId="tool">
      <Header
        title={t('scorecardsPage.header')}
        subtitle={t('scorecardsPage.subtitle')}
      />
      <Content>
        <ScorecardsTabs initialTab={props.initialTab} />
      </Content>
    </Page>
  );
};

/**
 * The same, inside the new frontend system's page layout, which already
 * shows the plugin's header: a title and the tabs, like the layer model page.
 * That layout leaves the `<main>` landmark to the page, as `Page` gives a
 * legacy app's pages one.
 */
export const ScorecardsPluginPage = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <main>
      <PluginPageHeader title={t('scorecardsPage.header')} />
      <Container>
        <ScorecardsTabs />
      </Container>
    </main>
  );
};
