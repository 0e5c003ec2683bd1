import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import { useSearchResultListItemExtensions } from '@backstage/plugin-search-react';
import {
  SearchResultListItemBlueprint,
  type SearchResultItemExtensionPredicate,
} from '@backstage/plugin-search-react/alpha';
import List from '@material-ui/core/List';
import { useMemo } from 'react';

type SearchResult = Parameters<SearchResultItemExtensionPredicate>[0];

/**
 * The result items installed on the search page (`search-result-list-item:*`
 * extensions, attached to `page:search`). The nav bar has no inputs of its
 * own to receive them, so they are read from the app tree.
 */
function useSearchPageResultItems() {
  const appTree = useApi(coreApis.appTree);
  return useMemo(() => {
    const page = appTree.getTree().tree.nodes.get('page:search');
    return (page?.edges.attachments.get('items') ?? []).flatMap(node => {
      const item = node.instance?.getData(
        SearchResultListItemBlueprint.dataRefs.item,
      );
      return item ? [item] : [];
    });
  }, [appTree]);
}

/**
 * The sidebar search modal's results, each rendered by the item the search
 * page renders it with (a plugin's own, e.g. the runtime stack's coverage
 * and gaps), else by the default item.
 */
export function SearchModalResultList(props: { results: SearchResult[] }) {
  const items = useSearchPageResultItems();
  // No legacy item elements given: it renders the default item, in the list
  // item that reports the click to analytics as the search page does.
  const renderDefault = useSearchResultListItemExtensions(null);
  return (
    <List>
      {props.results.map((result, index) => {
        // As the search page matches: an item without a predicate takes none.
        const Item = items.find(item => item.predicate?.(result))?.component;
        if (!Item) return renderDefault(result, index);
        const { document, ...rest } = result;
        return <Item key={index} {...rest} result={document} />;
      })}
    </List>
  );
}
