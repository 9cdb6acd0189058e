/** Declared vs observed for one device: what its maker did not declare, and what it never used. */
export interface MudComparison {
  readonly declared: readonly string[];
  readonly observed: readonly string[];
  /** Hosts the device contacted that its MUD file does not declare. */
  readonly undeclared: readonly string[];
  /** Declared hosts the device has not contacted in the ledger's retained history. */
  readonly unused: readonly string[];
}

const normal = (host: string): string => host.toLowerCase().replace(/\.$/, '');

export function compareMud(declared: readonly string[], observed: readonly string[]): MudComparison {
  const declaredSet = new Set(declared.map(normal));
  const observedSet = new Set(observed.map(normal));
  return {
    declared: [...declaredSet].sort(),
    observed: [...observedSet].sort(),
    undeclared: [...observedSet].filter((host) => !declaredSet.has(host)).sort(),
    unused: [...declaredSet].filter((host) => !observedSet.has(host)).sort(),
  };
}
