/*
 * Prints the test count of a scripts/test.sh run as its last line,
 * `N passed, N failed`, from jest's and Playwright's JSON reports. A check
 * that produced no report (lint, tsc, a crashed runner) counts as one failure,
 * so the line never reads green when the run was not. Exits non-zero on any
 * failure.
 */
const fs = require('node:fs');

const [jestFile, e2eFile, failedChecksArg] = process.argv.slice(2);
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

let passed = 0;
let failed = Number(failedChecksArg) || 0;

const jest = read(jestFile);
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to load reports no failed test of its own.
  failed += jest.testResults.filter(
    r => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  console.log(
    `unit: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped in ${jest.numTotalTestSuites} suites`,
  );
} else {
  console.log('unit: no report');
  failed += 1;
}

const e2e = read(e2eFile);
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = e2e.stats;
  passed += expected + flaky;
  failed += unexpected;
  console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
} else {
  console.log('e2e: no report');
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
