import { Content, Header, Page } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
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

/**
 * How well the estate covers the layer model: teams × layers, which tools
 * cover each capability, coverage over time, and every service.
 */
export const ScorecardsPage = (props: { initialTab?: ScorecardTab }) => {
  const [tab, setTab] = useState<ScorecardTab>(props.initialTab ?? 'teams');
  return (
    <Page themeId="tool">
      <Header
        title="Runtime stack scorecards"
        subtitle="Coverage of the layer model by team, capability, over time and per service"
      />
      <Content>
        <Tabs
          value={tab}
          onChange={(_, next: ScorecardTab) => setTab(next)}
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
      </Content>
    </Page>
  );
};
