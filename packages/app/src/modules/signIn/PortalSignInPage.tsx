import { SignInPage } from '@backstage/core-components';
import {
  coreApis,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { DemoUsersSignInPage } from './DemoUsersSignInPage';

const GITHUB = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/**
 * The portal's sign-in page. In development (`auth.environment`, Backstage's
 * default): the guest and the demo users. Anywhere else the backend refuses
 * both, so the page offers GitHub, the provider app-config.production.yaml
 * configures. It signs back in without asking when a GitHub session exists,
 * and opens GitHub's popup only on a click, which browsers do not block.
 */
export const PortalSignInPage = (props: SignInPageProps) => {
  const environment =
    useApi(coreApis.config).getOptionalString('auth.environment') ??
    'development';
  if (environment === 'development') {
    return <DemoUsersSignInPage {...props} />;
  }
  return <SignInPage {...props} provider={GITHUB} />;
};
