export { runtimeStackPlugin as default } from './plugin';
