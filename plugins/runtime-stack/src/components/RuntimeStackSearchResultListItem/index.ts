export {
  RuntimeStackSearchResultListItem,
  type RuntimeStackSearchResultListItemProps,
} from './RuntimeStackSearchResultListItem';
