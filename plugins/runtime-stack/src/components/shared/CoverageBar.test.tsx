import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { CoverageBar } from './CoverageBar';

describe('CoverageBar', () => {
  it('shows the percentage its text shows, never 100% with a gap left', async () => {
    await renderInTestApp(
      <CoverageBar
        coverage={{ required: 250, ratio: 249 / 250 }}
        label="Layer 4 coverage"
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Layer 4 coverage' });
    expect(bar).toHaveAttribute('aria-valuenow', '99');
    expect(bar).toHaveAttribute('aria-valuetext', '99%');
  });

  it('reads the value text it is given', async () => {
    await renderInTestApp(
      <CoverageBar
        coverage={{ required: 4, ratio: 0.5 }}
        label="Payments"
        valueText="50% covered, 2 of 4 required"
      />,
    );
    expect(
      screen.getByRole('progressbar', { name: 'Payments' }),
    ).toHaveAttribute('aria-valuetext', '50% covered, 2 of 4 required');
  });

  it('shows nothing when nothing is required, rather than a full bar', async () => {
    await renderInTestApp(
      <CoverageBar coverage={{ required: 0, ratio: 1 }} label="Layer 1" />,
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
