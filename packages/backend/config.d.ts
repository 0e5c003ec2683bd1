/** Configuration read by the portal backend's own modules. */
export interface Config {
  auth?: {
    providers?: {
      /**
       * Sign-in as one of a few example users, for trying permissions
       * locally. Refused outside development unless
       * `dangerouslyAllowOutsideDevelopment` is true.
       */
      demo?: {
        /** Entity refs of the Users offered for sign-in. */
        users?: string[];
        /** Allows demo sign-in when NODE_ENV is not `development`. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
  permission?: {
    /**
     * Users or groups (entity refs) allowed everything, the admin-only
     * operations included. Default: `group:default/portal-admins`.
     *
     * An entry without a kind is a Group and one without a namespace is in
     * `default`; case does not matter (`portal-admins` and
     * `Group:default/Portal-Admins` both mean `group:default/portal-admins`).
     * The backend refuses to start on an entry that is no entity ref.
     */
    admins?: string[];
    /**
     * Users or groups (entity refs) who may grant coverage exemptions.
     * Default: `group:default/platform-team` and
     * `group:default/security-team`, the example estate's.
     *
     * Read as `admins` is: `security-team` means
     * `group:default/security-team`.
     */
    exemptionGranters?: string[];
  };
}
