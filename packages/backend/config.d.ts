/** Configuration read by the portal backend's own modules. */
export interface Config {
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
