/**
 * The target of the `rel="next"` link in an RFC 8288 `Link` header, as
 * written: registries send it relative (`</v2/a/tags/list?last=x&n=2>`) or
 * absolute. Undefined when there is no next page.
 */
export function parseNextLink(
  header: string | null | undefined,
): string | undefined {
  if (!header) return undefined;
  // <target> followed by ;-separated parameters, links separated by commas;
  // targets may hold commas and semicolons, parameters may be quoted.
  const link =
    /<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"[^"]*"|[^;,\s]*))?)*)/g;
  for (const match of header.matchAll(link)) {
    const parameters = match[2];
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(parameters);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) return match[1];
  }
  return undefined;
}
