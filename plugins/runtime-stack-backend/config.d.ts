export interface Config {
  runtimeStack?: {
    ownership?: {
      /**
       * The organisation's default owners: what every service inherits when
       * no cluster, environment, System or component record says otherwise.
       * Each entry names `layers` (numbers 0-6) or `capabilities` (ids of
       * the layer model), or both.
       */
      defaults?: Array<{
        /** Entity ref of the owning Group, e.g. `group:default/platform-team` or `platform-team`. */
        owner: string;
        /** Layers the group owns as a whole. */
        layers?: number[];
        /** Single capabilities the group owns, e.g. `metrics`. */
        capabilities?: string[];
        /** `operates` (the default), `supports` or `consumes`. */
        responsibility?: 'operates' | 'supports' | 'consumes';
        /** A short note shown with the owner. */
        note?: string;
        /** A runbook or channel URL. */
        link?: string;
      }>;
    };
  };
}
