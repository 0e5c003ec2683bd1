import { RegistryRequestError } from '../RegistryRequestError';

/** The RegistryRequestError a promise rejects with; fails the test otherwise. */
export async function failure(
  promise: Promise<unknown>,
): Promise<RegistryRequestError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(RegistryRequestError);
  return error as RegistryRequestError;
}
