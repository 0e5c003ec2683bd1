import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A minimal backend for working on this plugin alone (`yarn start` in this
// package). Auth is mocked, so the API answers without a token:
//
//   curl http://localhost:7007/api/runtime-stack/layers
//   curl http://localhost:7007/api/runtime-stack/layers/3

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(import('../src'));
backend.start();
