export { MUD_DESTINATION_PREFIX, applyMud, declaredHosts, mudDeclarations, type MudDeclaration, type MudDeclarations } from './allowlist.js';
export { compareMud, type MudComparison } from './diff.js';
export { importMud, readMudSource, type MudImport } from './import.js';
export { MudFileSchema, parseMudText, type MudFile } from './schema.js';
