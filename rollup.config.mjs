import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

/** The card's translations are JSON modules; this is all @rollup/plugin-json would do for them. */
const jsonModules = {
  name: 'json-modules',
  transform(code, id) {
    return id.endsWith('.json') ? { code: `export default ${code};`, map: { mappings: '' } } : null;
  },
};

const card = (input, file, sourcemap) => ({
  input,
  // One ES module: Home Assistant loads it by a versioned URL, and a second chunk would not carry the version.
  output: { file, format: 'es', sourcemap, inlineDynamicImports: true },
  plugins: [jsonModules, nodeResolve({ browser: true }), typescript({ tsconfig: 'src/card/tsconfig.json', outputToFilesystem: false })],
});

export default [
  /** The local page's browser script: src/page/browser/ (TypeScript, DOM only) -> www/build/page.js. */
  {
    input: 'src/page/browser/main.ts',
    output: { file: 'www/build/page.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ browser: true }), typescript({ tsconfig: 'src/page/browser/tsconfig.json', outputToFilesystem: false })],
  },
  /** The card, its editor and the sidebar panel, served by the integration (committed for HACS users). */
  card('src/card/index.ts', 'custom_components/privacy_gateway/frontend/privacy-gateway-card.js', false),
  /** The same components over the page's JSON API, for the sidecar's standalone local page. */
  card('src/card/standalone.ts', 'www/build/privacy-gateway-card.js', true),
];
