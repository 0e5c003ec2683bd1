export { EntityRuntimeStackContent } from './EntityRuntimeStackContent';
