import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * Replaces the app's default sign-in page (the guest only) with one that
 * also offers the backend's demo users; see DemoUsersSignInPage.
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      (await import('./DemoUsersSignInPage')).DemoUsersSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
