/**
 * The runtime-stack module for `@backstage/plugin-scaffolder-backend`.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
/**
 * The `runtime-stack:chart:validate` action on its own, so other packages
 * (the portal's deployment chart test) validate charts the way the software
 * template does.
 *
 * @public
 */
export {
  createValidateChartAction,
  type ValidateChartActionOptions,
} from './actions/validateChart';
