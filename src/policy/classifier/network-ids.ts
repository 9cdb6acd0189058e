/**
 * Identifiers of the home's mesh networks under the names their public specifications give them, read as
 * network ids (vocabulary.ts): Thread's (the Thread specification and OpenThread's API: a node's routing
 * locator `RLOC16`, the mesh-local and on-mesh prefixes of the network's IPv6 addresses, the mesh-local
 * EID, the active and pending operational datasets that carry the network's name, PAN ids and key) and
 * Matter's (the fabric id that names the home's fabric, the operational network a node joined).
 */
export const MESH_NETWORK_PHRASES: readonly string[] = [
  'rloc', 'mesh local prefix', 'ml prefix', 'on mesh prefix', 'mesh local eid', 'ml eid', 'active dataset',
  'pending dataset', 'operational dataset', 'active operational dataset', 'dataset tlvs', 'fabric id', 'compressed fabric id',
];
