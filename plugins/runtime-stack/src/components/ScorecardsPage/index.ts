export { ScorecardsPage } from './ScorecardsPage';
export type { ScorecardTab } from './ScorecardsPage';
