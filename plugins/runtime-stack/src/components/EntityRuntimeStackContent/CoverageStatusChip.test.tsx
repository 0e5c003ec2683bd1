import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoverageStatusChip } from './CoverageStatusChip';

describe('CoverageStatusChip', () => {
  it('fills a required gap with the alarm colour and outlines a recommended one, saying why', async () => {
    await renderInTestApp(
      <>
        <CoverageStatusChip
          status="missing"
          requirement="required"
          capabilityTitle="Metrics"
        />
        <CoverageStatusChip
          status="missing"
          requirement="recommended"
          capabilityTitle="Runtime security"
        />
      </>,
    );
    const required = screen.getByLabelText('Metrics status: missing');
    const recommended = screen.getByLabelText(
      'Runtime security status: missing',
    );
    expect(required).not.toHaveClass('MuiChip-outlined');
    expect(recommended).toHaveClass('MuiChip-outlined');
    expect(getComputedStyle(required).backgroundColor).not.toBe(
      getComputedStyle(recommended).backgroundColor,
    );

    await userEvent.hover(recommended);
    expect(
      await screen.findByText(/recommends it, so it does not count/),
    ).toBeInTheDocument();
    await userEvent.unhover(recommended);
    await userEvent.hover(required);
    expect(
      await screen.findByText('No evidence of the capability'),
    ).toBeInTheDocument();
  });
});
