import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Booting the whole app in jsdom (every plugin's extensions, then the sign-in
// page) takes seconds on a two-core CI machine while other test workers run
// beside it; the default one-second wait of findBy/waitFor fails there
// although nothing is wrong.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(30_000);
