import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoverageStatusChip } from './CoverageStatusChip';
import { statusChipOf } from '../../__testUtils__/statusChips';

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
    const required = statusChipOf('Metrics');
    const recommended = statusChipOf('Runtime security');
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

  it('is no keyboard stop, and says its status in text rather than a label', async () => {
    await renderInTestApp(
      <>
        <button type="button">before</button>
        <CoverageStatusChip
          status="partial"
          requirement="required"
          capabilityTitle="Metrics"
        />
        <button type="button">after</button>
      </>,
    );
    const chip = statusChipOf('Metrics');
    expect(chip).not.toHaveAttribute('tabindex');
    expect(chip).not.toHaveAttribute('aria-label');
    expect(chip).toHaveTextContent('Metrics status: partial');

    await userEvent.click(screen.getByRole('button', { name: 'before' }));
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
  });
});
