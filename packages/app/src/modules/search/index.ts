import { createFrontendModule } from '@backstage/frontend-plugin-api';
import techdocsPlugin from '@backstage/plugin-techdocs/alpha';

/**
 * The search page offers a result type for each `search-filter-result-type`
 * extension, and with its counts asks the search backend about every one of
 * them. The portal indexes `software-catalog` (the page's own type) and
 * `runtime-stack` (the runtime stack plugin's), but no documentation: its
 * services have no `backstage.io/techdocs-ref`, so the TechDocs collator
 * indexes nothing and the backend, having no `techdocs` index, answers a
 * query for that type with a 500. TechDocs' "Documentation" type is off
 * until the estate has docs; config can turn it back on
 * (`search-filter-result-type:techdocs: true` under `app.extensions`).
 */
export const searchModule = createFrontendModule({
  pluginId: 'techdocs',
  extensions: [
    techdocsPlugin
      .getExtension('search-filter-result-type:techdocs')
      .override({ disabled: true }),
  ],
});
