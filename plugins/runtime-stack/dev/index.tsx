import '@backstage/cli/asset-types';
// This file is an app, the plugin's own dev app, so it loads the styles an
// app loads.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createApp } from '@backstage/frontend-defaults';
import appPlugin from '@backstage/plugin-app';
import ReactDOM from 'react-dom/client';

import plugin from '../src';

// @backstage/frontend-dev-utils has no release for frontend-plugin-api 1.0
// yet, so the plugin's own dev app is the few lines it would have set up: the
// app without its sign-in page, and this plugin.
const app = createApp({
  features: [
    appPlugin.withOverrides({
      extensions: [
        appPlugin.getExtension('sign-in-page:app').override({
          disabled: true,
        }),
      ],
    }),
    plugin,
  ],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
