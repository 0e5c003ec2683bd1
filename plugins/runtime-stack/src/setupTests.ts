import '@testing-library/jest-dom';

// Rendering a whole entity tab in jsdom takes seconds on a two-core machine,
// more while other test workers run beside it.
jest.setTimeout(30_000);
