import type { NamingContext } from './context.js';
import { nameDestination, type DestinationName } from './name.js';

interface SeenDestination {
  readonly host: string;
  readonly vendor: string | null;
}

/** Names every destination of a ledger summary for one device (the page, `summary --json`). */
export function withDestinationNames<S extends { readonly destinations: readonly SeenDestination[] }>(
  summary: S,
  naming: NamingContext,
  addresses: ReadonlyMap<string, readonly string[]> = new Map(),
): Omit<S, 'destinations'> & { readonly destinations: readonly (S['destinations'][number] & { readonly name: DestinationName })[] } {
  return {
    ...summary,
    destinations: summary.destinations.map((destination) => ({
      ...destination,
      name: nameDestination({
        host: destination.host,
        ownerVendor: destination.vendor ?? undefined,
        ownerParty: naming.ownerParty(destination.host),
        manufacturer: naming.manufacturer,
        addresses: addresses.get(destination.host),
      }),
    })),
  };
}
