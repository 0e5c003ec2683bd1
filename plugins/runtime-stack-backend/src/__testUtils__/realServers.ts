/**
 * Whether a suite that needs a real server from Debian's packages runs. It
 * does when the binary is installed. When it is not, the suite is skipped
 * with the reason printed, except where RUNTIME_STACK_REQUIRE_REAL_SERVERS is
 * set (CI sets it): there a missing server is an error, never a silent skip.
 */
export function realServerAvailable(
  installed: boolean,
  suite: string,
  debianPackage: string,
): boolean {
  if (installed) return true;
  const reason = `${debianPackage} is not installed (apt-get install ${debianPackage})`;
  if (process.env.RUNTIME_STACK_REQUIRE_REAL_SERVERS) {
    throw new Error(
      `${suite} need ${debianPackage} (RUNTIME_STACK_REQUIRE_REAL_SERVERS is set): ${reason}`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping ${suite}: ${reason}`);
  return false;
}
