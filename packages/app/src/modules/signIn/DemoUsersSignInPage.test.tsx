import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DemoUsersSignInPage } from './DemoUsersSignInPage';
import { DEMO_USER_STORAGE_KEY } from './demoUserChoice';

const AUTH = 'http://example.com/api/auth';
const OFFERED = ['user:default/sara-lindqvist', 'user:default/priya-nair'];

/** A session as the auth backend's refresh answers it. */
function sessionOf(userEntityRef: string, groups: string[]) {
  const payload = Buffer.from(
    JSON.stringify({ sub: userEntityRef, exp: Date.now() / 1000 + 3600 }),
  ).toString('base64url');
  return {
    profile: { displayName: 'Sara Lindqvist' },
    backstageIdentity: {
      token: `header.${payload}.signature`,
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...groups],
      },
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** The auth backend: offers `offered`, and answers refresh with `refresh`. */
function mockAuthBackend(
  {
    offered = OFFERED,
    refresh = () =>
      json(
        sessionOf('user:default/sara-lindqvist', [
          'group:default/team-checkout',
        ]),
      ),
  }: {
    offered?: string[];
    refresh?: () => Response;
  } = {},
  guestRefresh?: () => Promise<Response>,
) {
  return jest
    .spyOn(global, 'fetch')
    .mockImplementation(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url === `${AUTH}/demo/users`) return json({ users: offered });
      if (url === `${AUTH}/demo/refresh`) return refresh();
      if (guestRefresh && url === `${AUTH}/guest/refresh`)
        return guestRefresh();
      return json({ error: { message: `unexpected ${url}` } }, 500);
    });
}

/** The calls made to the demo provider's refresh, with the header they sent. */
function demoRefreshCalls(fetchMock: jest.SpyInstance) {
  return fetchMock.mock.calls
    .filter(([url]) => String(url) === `${AUTH}/demo/refresh`)
    .map(([, init]) => new Headers(init?.headers).get('x-demo-user'));
}

function renderSignInPage(onSignInSuccess = jest.fn()) {
  renderInTestApp(<DemoUsersSignInPage onSignInSuccess={onSignInSuccess} />, {
    apis: [mockApis.discovery()],
    config: { app: { title: 'Runtime Stack Portal' } },
  });
  return onSignInSuccess;
}

describe('DemoUsersSignInPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    localStorage.clear();
  });

  it('keeps the guest card, with the only Enter button, and offers the demo users below it', async () => {
    mockAuthBackend();
    renderSignInPage();

    expect(
      await screen.findByRole('button', { name: 'Sign in as demo user' }),
    ).toBeVisible();
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Enter' })).toHaveLength(1);
    const buttons = screen
      .getAllByRole('button')
      .map(button => button.textContent);
    expect(buttons.indexOf('Enter')).toBeLessThan(
      buttons.indexOf('Sign in as demo user'),
    );
    expect(
      screen
        .getAllByRole('option')
        .map(option => [option.textContent, option.getAttribute('value')]),
    ).toEqual([
      ['sara-lindqvist', 'user:default/sara-lindqvist'],
      ['priya-nair', 'user:default/priya-nair'],
    ]);
  });

  it('signs the guest back in on reload, and still remembers the guest afterwards', async () => {
    // The standard page forgets the provider when its automatic sign-in is
    // restarted midway; the demo users arriving during it must not restart it.
    const PROVIDER_KEY = '@backstage/core:SignInPage:provider';
    localStorage.setItem(PROVIDER_KEY, 'guest');
    let answerGuest: () => void = () => {};
    const guestAnswered = new Promise<void>(resolve => {
      answerGuest = resolve;
    });
    const fetchMock = mockAuthBackend({}, async () => {
      await guestAnswered;
      return json(sessionOf('user:default/guest', ['group:default/team-a']));
    });
    const onSignInSuccess = renderSignInPage();

    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(`${AUTH}/demo/users`),
    );
    answerGuest();
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    expect((await identity.getBackstageIdentity()).userEntityRef).toBe(
      'user:default/guest',
    );
    expect(localStorage.getItem(PROVIDER_KEY)).toBe('guest');
  });

  it('shows only the guest when the backend offers no demo users', async () => {
    const fetchMock = mockAuthBackend({ offered: [] });
    renderSignInPage();

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(`${AUTH}/demo/users`),
    );
    expect(
      screen.queryByText('Sign in as a demo user'),
    ).not.toBeInTheDocument();
  });

  it('signs in as the chosen user through the demo provider, with the x-demo-user header, and remembers the choice', async () => {
    const fetchMock = mockAuthBackend({
      refresh: () =>
        json(
          sessionOf('user:default/priya-nair', ['group:default/platform-team']),
        ),
    });
    const onSignInSuccess = renderSignInPage();

    await userEvent.selectOptions(
      await screen.findByLabelText('Demo user'),
      'priya-nair',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as demo user' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(demoRefreshCalls(fetchMock)).toEqual(['user:default/priya-nair']);
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/priya-nair',
      ownershipEntityRefs: [
        'user:default/priya-nair',
        'group:default/platform-team',
      ],
    });
    expect(localStorage.getItem(DEMO_USER_STORAGE_KEY)).toBe(
      'user:default/priya-nair',
    );
  });

  it('signs in again as the remembered user without asking, until they sign out', async () => {
    localStorage.setItem(DEMO_USER_STORAGE_KEY, 'user:default/sara-lindqvist');
    const fetchMock = mockAuthBackend();
    const onSignInSuccess = renderSignInPage();

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    expect(demoRefreshCalls(fetchMock)).toEqual([
      'user:default/sara-lindqvist',
    ]);
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getCredentials()).resolves.toEqual({
      token: expect.stringMatching(/^header\./),
    });

    await identity.signOut();
    expect(localStorage.getItem(DEMO_USER_STORAGE_KEY)).toBeNull();
  });

  it('shows why signing in as the demo user failed, and goes back to the choice', async () => {
    localStorage.setItem(DEMO_USER_STORAGE_KEY, 'user:default/marco-rossi');
    mockAuthBackend({
      refresh: () =>
        json(
          {
            error: {
              name: 'NotAllowedError',
              message: "'user:default/marco-rossi' is not a demo user",
            },
            response: { statusCode: 403 },
          },
          403,
        ),
    });
    const onSignInSuccess = renderSignInPage();

    expect(
      await screen.findByText(/Could not sign in as demo user marco-rossi/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/'user:default\/marco-rossi' is not a demo user/)
        .length,
    ).toBeGreaterThan(0);

    await userEvent.click(
      screen.getByRole('button', { name: 'Back to sign-in' }),
    );
    expect(
      await screen.findByRole('button', { name: 'Sign in as demo user' }),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeVisible();
    expect(localStorage.getItem(DEMO_USER_STORAGE_KEY)).toBeNull();
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });
});
