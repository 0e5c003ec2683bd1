export { LayerModelPage } from './LayerModelPage';
