import { NotFoundErrorPage } from '@backstage/frontend-plugin-api';
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';

/**
 * A page that has no pages below it: the app mounts a page on its path and
 * everything under it, so `/runtime-stack/typo` would show the page itself;
 * it gets the app's "not found" page instead.
 */
export const OnlyAtRoot = ({ page }: { page: ReactElement }) => (
  <Routes>
    <Route path="/" element={page} />
    <Route path="*" element={<NotFoundErrorPage />} />
  </Routes>
);
