import type { DiscoveryApi, IdentityApi } from '@backstage/frontend-plugin-api';

/** Where the chosen demo user is remembered, so a reload stays signed in. */
export const DEMO_USER_STORAGE_KEY = 'runtime-stack-portal:demo-user';

/** The header of the demo provider's refresh call that names the user. */
export const DEMO_USER_HEADER = 'x-demo-user';

export function rememberedDemoUser(): string | undefined {
  try {
    return window.localStorage.getItem(DEMO_USER_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberDemoUser(userEntityRef: string) {
  try {
    window.localStorage.setItem(DEMO_USER_STORAGE_KEY, userEntityRef);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
}

export function forgetDemoUser() {
  try {
    window.localStorage.removeItem(DEMO_USER_STORAGE_KEY);
  } catch {
    // Nothing was remembered.
  }
}

/**
 * The demo users the backend offers (`GET /api/auth/demo/users`, no token
 * needed): none when it offers none, or cannot say.
 */
export async function fetchDemoUsers(
  discoveryApi: DiscoveryApi,
): Promise<string[]> {
  try {
    const response = await fetch(
      `${await discoveryApi.getBaseUrl('auth')}/demo/users`,
    );
    if (!response.ok) return [];
    const { users } = await response.json();
    return Array.isArray(users)
      ? users.filter((u): u is string => typeof u === 'string')
      : [];
  } catch {
    return [];
  }
}

/** `sara-lindqvist` for `user:default/sara-lindqvist`. */
export function demoUserName(userEntityRef: string): string {
  return userEntityRef.replace(/^user:(default\/)?/, '');
}

/** The identity methods the app may still call on older identities. */
type LegacyIdentityApi = IdentityApi & {
  getUserId?(): string;
  getIdToken?(): Promise<string | undefined>;
  getProfile?(): unknown;
};

/**
 * The demo user's identity, except that signing out also forgets the choice,
 * so the app comes back to the sign-in page instead of signing in again.
 */
export function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  const legacy = identity as LegacyIdentityApi;
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetDemoUser();
      await identity.signOut();
    },
    ...(legacy.getUserId && { getUserId: () => legacy.getUserId!() }),
    ...(legacy.getIdToken && { getIdToken: () => legacy.getIdToken!() }),
    ...(legacy.getProfile && { getProfile: () => legacy.getProfile!() }),
  } as LegacyIdentityApi;
}
