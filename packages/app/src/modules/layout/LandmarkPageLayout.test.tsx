import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { LandmarkPageLayout } from './LandmarkPageLayout';

/** A page that renders its own `<main>` only once it has loaded. */
let finishLoading: () => void = () => {};
const LazyPage = () => {
  const [loaded, setLoaded] = useState(false);
  finishLoading = () => setLoaded(true);
  return loaded ? <main>loaded page</main> : <p>loading</p>;
};

describe('LandmarkPageLayout', () => {
  it('puts the plugin header in the banner landmark and the page beside it', async () => {
    await renderInTestApp(
      <LandmarkPageLayout
        title="Runtime Stack"
        tabs={[{ id: 'layers', label: 'Layers', href: 'layers' }]}
      >
        <main>the page</main>
      </LandmarkPageLayout>,
      { mountPath: '/runtime-stack', initialRouteEntries: ['/runtime-stack'] },
    );
    const banner = screen.getByRole('banner');
    expect(
      within(banner).getByRole('heading', { name: 'Runtime Stack' }),
    ).toBeInTheDocument();
    // Relative tab links resolve under the page, as in the default layout.
    expect(within(banner).getByRole('tab', { name: 'Layers' })).toHaveAttribute(
      'href',
      '/runtime-stack/layers',
    );
    // The page's own main is the only one.
    const [main, ...others] = screen.getAllByRole('main');
    expect(others).toEqual([]);
    expect(main.tagName).toBe('MAIN');
    expect(main).toHaveTextContent('the page');
    expect(banner).not.toContainElement(main);
  });

  it('makes a page without its own main the main landmark', async () => {
    await renderInTestApp(
      <LandmarkPageLayout title="Search">
        <div>search results</div>
      </LandmarkPageLayout>,
    );
    expect(screen.getByRole('main')).toHaveTextContent(/^search results$/);
    expect(screen.getByRole('banner')).toHaveTextContent('Search');
  });

  it('leaves the landmark to a page that renders its main later', async () => {
    await renderInTestApp(
      <LandmarkPageLayout title="Entity">
        <LazyPage />
      </LandmarkPageLayout>,
    );
    expect(screen.getByRole('main')).toHaveTextContent(/^loading$/);

    act(() => finishLoading());
    // The observer reacts after the page's own render.
    await waitFor(() => expect(screen.getAllByRole('main')).toHaveLength(1));
    expect(screen.getByRole('main').tagName).toBe('MAIN');
    expect(screen.getByRole('main')).toHaveTextContent('loaded page');
  });

  it('renders no banner when the page has no header, and still one main', async () => {
    await renderInTestApp(
      <LandmarkPageLayout title="Entity" noHeader>
        <div>the page</div>
      </LandmarkPageLayout>,
    );
    expect(screen.queryByRole('banner')).not.toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('the page');
  });
});
