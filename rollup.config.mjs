import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

/** The local page's browser script: src/page/browser/ (TypeScript, DOM only) -> www/build/page.js. */
export default {
  input: 'src/page/browser/main.ts',
  output: { file: 'www/build/page.js', format: 'es', sourcemap: true },
  plugins: [nodeResolve({ browser: true }), typescript({ tsconfig: 'src/page/browser/tsconfig.json', outputToFilesystem: false })],
};
