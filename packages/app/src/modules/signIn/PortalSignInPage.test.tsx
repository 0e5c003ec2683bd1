import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PortalSignInPage } from './PortalSignInPage';

/** A GitHub auth API with no session until signIn is asked for one. */
function githubAuth(
  identity?: { userEntityRef: string },
  { signedIn = false } = {},
) {
  const session = identity && {
    id: 'github',
    token: 'backstage-token',
    identity: {
      type: 'user' as const,
      userEntityRef: identity.userEntityRef,
      ownershipEntityRefs: [identity.userEntityRef],
    },
  };
  return {
    getBackstageIdentity: jest.fn(async (options?: { optional?: boolean }) =>
      options?.optional && !signedIn ? undefined : session,
    ),
    getProfile: jest.fn(async () => ({ displayName: 'Priya Nair' })),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
    getAccessToken: jest.fn(),
    getIdToken: jest.fn(),
  };
}

function renderPage(
  environment: string | undefined,
  github = githubAuth(),
  onSignInSuccess = jest.fn(),
) {
  renderInTestApp(<PortalSignInPage onSignInSuccess={onSignInSuccess} />, {
    apis: [mockApis.discovery(), [githubAuthApiRef, github as any]],
    config: {
      app: { title: 'Runtime Stack Portal' },
      ...(environment ? { auth: { environment } } : {}),
    },
  });
  return { github, onSignInSuccess };
}

describe('PortalSignInPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('offers the guest in development, where the backend allows it', async () => {
    const fetchMock = jest.spyOn(global, 'fetch').mockImplementation(
      async () =>
        new Response(JSON.stringify({ users: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const { github } = renderPage(undefined);

    expect(await screen.findByRole('button', { name: 'Enter' })).toBeVisible();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        'http://example.com/api/auth/demo/users',
      ),
    );
    expect(github.getBackstageIdentity).not.toHaveBeenCalled();
  });

  it('offers GitHub, and neither the guest nor demo users, in production', async () => {
    const fetchMock = jest.spyOn(global, 'fetch');
    const { github, onSignInSuccess } = renderPage(
      'production',
      githubAuth({ userEntityRef: 'user:default/priya-nair' }),
    );

    expect(await screen.findByText('GitHub')).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
    // It looked for an existing GitHub session first, without a popup.
    await waitFor(() =>
      expect(github.getBackstageIdentity).toHaveBeenCalledWith({
        optional: true,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Sign In' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/priya-nair',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs back in without asking when a GitHub session exists', async () => {
    const { github, onSignInSuccess } = renderPage(
      'production',
      githubAuth(
        { userEntityRef: 'user:default/priya-nair' },
        { signedIn: true },
      ),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(github.getBackstageIdentity).toHaveBeenCalledTimes(1);
    expect(github.getBackstageIdentity).toHaveBeenCalledWith({
      optional: true,
    });
    expect(
      screen.queryByRole('button', { name: 'Sign In' }),
    ).not.toBeInTheDocument();
  });
});
