export { LayerModelPage, LayerModelPluginPage } from './LayerModelPage';
