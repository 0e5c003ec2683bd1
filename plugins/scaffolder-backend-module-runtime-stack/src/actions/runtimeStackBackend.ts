/** The backend plugin the actions ask: layer model, ownership, clusters. */
export const RUNTIME_STACK_PLUGIN_ID = 'runtime-stack';
