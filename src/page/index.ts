export { PageServer, DEFAULT_WWW_DIR, type PageServerOptions } from './server.js';
export { STATIC_FILES, type CaFiles, type DeviceQueries, type PageDeps } from './routes.js';
export * from './api-types.js';
