import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { landmarkPageLayout } from './LandmarkPageLayout';

export const layoutModule = createFrontendModule({
  pluginId: 'app',
  extensions: [landmarkPageLayout],
});
