export {
  LegacyTeamsCoverageWidget,
  TeamsCoverageWidget,
} from './TeamsCoverageWidget';
