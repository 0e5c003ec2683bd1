export { ScorecardsPage, ScorecardsPluginPage } from './ScorecardsPage';
export type { ScorecardTab } from './ScorecardsPage';
