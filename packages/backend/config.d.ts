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
     */
    admins?: string[];
    /**
     * Users or groups (entity refs) who may grant coverage exemptions.
     * Default: the example estate's platform and security teams.
     */
    exemptionGranters?: string[];
  };
}
