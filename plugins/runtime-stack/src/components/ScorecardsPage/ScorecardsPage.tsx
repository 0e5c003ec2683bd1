import { Content, Header, Page } from '@backstage/core-components';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { Container, Header as PluginPageHeader } from '@backstage/ui';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AdoptionSection } from './AdoptionSection';
import { ServicesTable } from './ServicesTable';
import { TeamHeatmap } from './TeamHeatmap';
import { TrendSection } from './TrendSection';

/**
 * A tab of the scorecards page, for linking straight to it.
 *
 * @public
 */
export type ScorecardTab = 'teams' | 'adoption' | 'trends' | 'services';

/** The tabs of the page, in order; the id names the tab's panel. */
export const SCORECARD_TABS: ReadonlyArray<{
  id: ScorecardTab;
  label: string;
}> = [
  { id: 'teams', label: 'Teams' },
  { id: 'adoption', label: 'Adoption' },
  { id: 'trends', label: 'Trends' },
  { id: 'services', label: 'Services' },
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
  SCORECARD_TABS.some(t => t.id === value);

const TITLE = 'Runtime stack scorecards';

/**
 * The tabs and the open one's panel. The open tab is the page's `tab`
 * search parameter, so a reload, the back button and a shared link keep it.
 */
const ScorecardsTabs = (props: { initialTab?: ScorecardTab }) => {
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
        aria-label="Scorecards"
      >
        {SCORECARD_TABS.map(t => (
          <Tab
            key={t.id}
            value={t.id}
            label={t.label}
            id={`runtime-stack-scorecards-tab-${t.id}`}
            aria-controls={`runtime-stack-scorecards-panel-${t.id}`}
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
export const ScorecardsPage = (props: { initialTab?: ScorecardTab }) => (
  <Page themeId="tool">
    <Header
      title={TITLE}
      subtitle="Coverage of the layer model by team, capability, over time and per service"
    />
    <Content>
      <ScorecardsTabs initialTab={props.initialTab} />
    </Content>
  </Page>
);

/**
 * The same, inside the new frontend system's page layout, which already
 * shows the plugin's header: a title and the tabs, like the layer model page.
 * That layout leaves the `<main>` landmark to the page, as `Page` gives a
 * legacy app's pages one.
 */
export const ScorecardsPluginPage = () => (
  <main>
    <PluginPageHeader title={TITLE} />
    <Container>
      <ScorecardsTabs />
    </Container>
  </main>
);
