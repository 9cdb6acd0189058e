export { PageServer, DEFAULT_WWW_DIR, type PageServerOptions } from './server.js';
export { STATIC_FILES, needsLogin, type CaFiles, type DeviceQueries, type PageDeps } from './routes.js';
export * from './api-types.js';
export { PageAuth, newPageToken, LOGIN_PATH, SESSION_COOKIE, type PageAuthOptions } from './auth.js';
export { MAX_EDIT_BYTES, type PolicyEditPort } from './edit-route.js';
