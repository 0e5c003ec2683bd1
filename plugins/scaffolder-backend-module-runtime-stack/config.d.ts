export interface Config {
  runtimeStack?: {
    scaffolder?: {
      /**
       * The helm binary the `runtime-stack:chart:validate` action runs.
       * Default: RUNTIME_STACK_HELM, else `helm` on the PATH.
       */
      helmPath?: string;
      /**
       * Where `runtime-stack:publish:local` writes new services, one
       * directory each, relative to the backend's working directory; unset
       * disables the action.
       */
      localPublishDir?: string;
    };
  };
}
