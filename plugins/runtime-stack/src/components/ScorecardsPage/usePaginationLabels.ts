import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { TablePaginationProps } from '@material-ui/core/TablePagination';
import { runtimeStackTranslationRef } from '../../translation';

/** The words of MUI's TablePagination, which it otherwise says in English. */
export function usePaginationLabels(): Pick<
  TablePaginationProps,
  | 'labelDisplayedRows'
  | 'labelRowsPerPage'
  | 'backIconButtonText'
  | 'nextIconButtonText'
> {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return {
    labelDisplayedRows: ({ from, to, count }) =>
      t('scorecardsPage.pagination.rows', { from, to, total: count }),
    labelRowsPerPage: t('scorecardsPage.pagination.rowsPerPage'),
    backIconButtonText: t('scorecardsPage.pagination.previous'),
    nextIconButtonText: t('scorecardsPage.pagination.next'),
  };
}
