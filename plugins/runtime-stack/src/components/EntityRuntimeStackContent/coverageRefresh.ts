import { createContext, useContext } from 'react';

/**
 * Whether the page is loading the coverage again (after an owner change or
 * a reload asked for by a conflict), and why the last reload failed, for
 * the parts that must wait for it: a dialog may not save over an owner it
 * has not seen yet.
 */
export interface CoverageRefresh {
  refreshing: boolean;
  refreshError?: Error;
}

export const CoverageRefreshContext = createContext<CoverageRefresh>({
  refreshing: false,
});

export const useCoverageRefresh = () => useContext(CoverageRefreshContext);
