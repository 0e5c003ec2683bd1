import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { layoutModule } from './modules/layout';
import { signInModule } from './modules/signIn';
import { searchModule } from './modules/search';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    layoutModule,
    homeModule,
    signInModule,
    searchModule,
  ],
});
