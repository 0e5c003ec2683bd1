export { SystemRuntimeStackContent } from './SystemRuntimeStackContent';
