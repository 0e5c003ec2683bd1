export {
  EntityCoverageCard,
  LegacyEntityCoverageCard,
} from './EntityCoverageCard';
