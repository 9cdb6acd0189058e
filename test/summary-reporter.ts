import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `Node: N passed, N failed, N skipped`, which CI reads in any language;
 * vitest's own summary stays above it.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    process.stdout.write(`\nNode: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
