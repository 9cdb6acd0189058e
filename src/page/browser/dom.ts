/**
 * The only way the page builds DOM: strings always become text nodes (never markup), so a device name,
 * host or field path chosen by a vendor or a hostile device renders as the characters it is.
 */
export type Child = Node | string | number | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

export function replaceChildren(container: Element, ...children: readonly Child[]): void {
  container.replaceChildren(
    ...children.filter((c): c is Node | string | number => c !== null && c !== undefined).map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}
