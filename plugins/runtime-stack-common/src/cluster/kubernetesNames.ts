/**
 * A DNS-1123 label: how Kubernetes names namespaces, RuntimeClasses and most
 * objects. Its length limit (63, less where a name gets suffixes) is the
 * caller's to add.
 *
 * @public
 */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Whether `value` is a DNS-1123 label of at most 63 characters.
 *
 * @public
 */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL_PATTERN.test(value);
}
