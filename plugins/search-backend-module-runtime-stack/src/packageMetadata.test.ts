import searchBackendPackage from '@backstage/plugin-search-backend/package.json';
import modulePackage from '../package.json';

describe('package metadata', () => {
  it('belongs to the search plugin, whose packages it names', () => {
    expect(modulePackage.backstage).toMatchObject({
      pluginId: 'search',
      pluginPackage: searchBackendPackage.name,
    });
    expect(modulePackage.backstage.pluginPackages).toEqual(
      searchBackendPackage.backstage.pluginPackages,
    );
  });
});
