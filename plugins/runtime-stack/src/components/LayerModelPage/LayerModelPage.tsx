import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Container, Header as PluginPageHeader } from '@backstage/ui';
import { LayerModelContent } from './LayerModelContent';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * The layer model page of a legacy app: a page of its own, with the header
 * a legacy app's pages have, and the model's heading below it, as in the new
 * frontend system.
 */
export const LayerModelPage = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('layerModelPage.title')} />
      <Content>
        <ContentHeader title={t('layerModelPage.header')} />
        <LayerModelContent />
      </Content>
    </Page>
  );
};

/**
 * The same, inside the new frontend system's page layout, which already
 * shows the page's title. That layout leaves the `<main>` landmark to the
 * page, as `Page` gives a legacy app's pages one.
 */
export const LayerModelPluginPage = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <main>
      <PluginPageHeader title={t('layerModelPage.header')} />
      <Container>
        <LayerModelContent />
      </Container>
    </main>
  );
};
