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

/** A table with a header row; each cell is text or a node. */
export function table(headers: readonly string[], rows: readonly (readonly Child[])[], className = ''): HTMLTableElement {
  const head = h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header))));
  const body = h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell)))));
  return h('table', className ? { class: className } : {}, head, body);
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? 'GiB'}`;
}

export function replaceChildren(container: Element, ...children: readonly Child[]): void {
  container.replaceChildren(
    ...children.filter((c): c is Node | string | number => c !== null && c !== undefined).map((c) => (typeof c === 'number' ? String(c) : c)),
  );
}
