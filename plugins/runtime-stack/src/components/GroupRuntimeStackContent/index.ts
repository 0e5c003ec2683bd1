export { GroupRuntimeStackContent } from './GroupRuntimeStackContent';
