import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Rendering a whole entity tab in jsdom takes seconds on a two-core machine,
// more while other test workers run beside it; the default one-second wait of
// findBy/waitFor would fail there although nothing is wrong.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
