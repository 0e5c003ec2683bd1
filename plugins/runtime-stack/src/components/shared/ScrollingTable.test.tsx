import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { act, render, screen } from '@testing-library/react';
import { ScrollingTable } from './ScrollingTable';
import {
  ManualResizeObserver,
  useManualResizeObserver,
} from '../../__testUtils__/manualResizeObserver';

/** jsdom lays nothing out: give the scroller the widths a browser would. */
function setWidths(element: Element, scrollWidth: number, clientWidth: number) {
  Object.defineProperty(element, 'scrollWidth', {
    configurable: true,
    value: scrollWidth,
  });
  Object.defineProperty(element, 'clientWidth', {
    configurable: true,
    value: clientWidth,
  });
}

const renderTable = () =>
  render(
    <TestApiProvider apis={[mockApis.translation(), mockApis.error()]}>
      <ScrollingTable aria-label="Workloads">
        <TableBody>
          <TableRow>
            <TableCell>payments-api</TableCell>
          </TableRow>
        </TableBody>
      </ScrollingTable>
    </TestApiProvider>,
  );

describe('ScrollingTable', () => {
  useManualResizeObserver();

  it('is a plain table while its columns fit', () => {
    renderTable();
    expect(screen.getByRole('table', { name: 'Workloads' })).toBeVisible();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
  });

  it('becomes a named, focusable region once its columns need more room, and stops being one when they fit again', () => {
    renderTable();
    const table = screen.getByRole('table', { name: 'Workloads' });
    const scroller = table.parentElement!;
    const [observer] = ManualResizeObserver.instances;
    // The box narrows with the window, the table widens as rows open.
    expect(observer.observed).toEqual([scroller, table]);

    setWidths(scroller, 900, 600);
    act(() => observer.resize(0));
    const region = screen.getByRole('region', {
      name: 'Workloads, scrolls sideways',
    });
    expect(region).toBe(scroller);
    expect(region).toHaveAttribute('tabindex', '0');

    setWidths(scroller, 600, 600);
    act(() => observer.resize(0));
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(scroller).not.toHaveAttribute('tabindex');
  });

  it('may shrink below its table in a flex container, so it scrolls rather than cuts the table off', () => {
    renderTable();
    const scroller = screen.getByRole('table', { name: 'Workloads' })
      .parentElement!;
    expect(getComputedStyle(scroller).minWidth).toBe('0');
  });

  it('stops observing when it goes away', () => {
    const { unmount } = renderTable();
    const [observer] = ManualResizeObserver.instances;
    unmount();
    expect(observer.observed).toEqual([]);
  });
});
