export { TeamsCoverageWidget } from './TeamsCoverageWidget';
