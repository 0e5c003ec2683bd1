export interface Config {
  runtimeStack?: {
    scaffolder?: {
      /**
       * Where `runtime-stack:publish:local` of the scaffolder module writes
       * new services; this module registers the `catalog-info.yaml` of each,
       * relative to the backend's working directory. Unset: none.
       */
      localPublishDir?: string;
    };
  };
}
