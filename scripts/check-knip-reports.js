/*
 * Copyright 2026 The Shiftleft Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * `yarn lint`'s knip check: fails when a package's committed knip-report.md
 * no longer lists what knip finds (unused, unlisted dependencies).
 *
 * The reports are written by `yarn build:knip-reports`
 * (`backstage-repo-tools knip-reports`), which starts one knip process per
 * package: about 3-4 s of CPU each. This check runs knip once for the whole
 * monorepo with the same configuration and options, and compares each
 * package's findings with the rows of its report (section, name, location),
 * so it fails exactly when `backstage-repo-tools knip-reports --ci` would,
 * at a tenth of the cost. `--self-test` proves it can fail.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

// The configuration backstage-repo-tools 0.19 writes for knip-reports
// (dist/commands/knip-reports/knip-extractor.cjs.js). Keep it in step when
// @backstage/repo-tools is upgraded.
const KNIP_CONFIG = {
  workspaces: {
    '.': {},
    '{packages,plugins}/*': {
      entry: ['dev/**/*.{ts,tsx}', 'src/index.{ts,tsx}'],
      ignore: [
        '.eslintrc.js',
        'config.d.ts',
        'knexfile.js',
        'node_modules/**',
        'dist/**',
        '{fixtures,migrations,templates}/**',
        'src/tests/transforms/__fixtures__/**',
      ],
    },
  },
  jest: { entry: ['src/setupTests.ts', 'src/**/*.test.{ts,tsx}'] },
  storybook: { entry: 'src/components/**/*.stories.tsx' },
  ignoreDependencies: [
    '@types/react',
    '@types/jest',
    '@internal/.*',
    '@backstage/cli',
    '@backstage/theme',
  ],
};

// The section titles of knip's markdown reporter.
const TITLES = {
  dependencies: 'Unused dependencies',
  devDependencies: 'Unused devDependencies',
  optionalPeerDependencies: 'Referenced optional peerDependencies',
  unlisted: 'Unlisted dependencies',
};

/** Workspace folders, as `backstage-repo-tools` lists them. */
function packageDirs() {
  const { workspaces } = require(path.join(root, 'package.json'));
  return workspaces
    .flatMap(pattern => {
      const parent = pattern.replace(/\/\*$/, '');
      return fs
        .readdirSync(path.join(root, parent))
        .map(name => `${parent}/${name}`);
    })
    .filter(dir => fs.existsSync(path.join(root, dir, 'package.json')))
    .sort();
}

/** Knip's findings for the whole repository, once. */
function runKnip() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knip-check-'));
  const config = path.join(dir, 'knip.json');
  fs.writeFileSync(config, JSON.stringify(KNIP_CONFIG));
  try {
    const out = execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/knip/bin/knip.js'),
        '--config',
        config,
        '--no-exit-code',
        '--no-progress',
        '--include',
        'dependencies,unlisted',
        '--reporter',
        'json',
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const row = (title, name, location) => `${title} | ${name} | ${location}`;

/** The rows knip finds for one package, as its report would list them. */
function expectedRows(knip, dir) {
  const rows = [];
  for (const issue of knip.issues) {
    if (!issue.file.startsWith(`${dir}/`)) continue;
    const file = issue.file.slice(dir.length + 1);
    for (const [type, title] of Object.entries(TITLES)) {
      for (const found of issue[type] ?? []) {
        const at = found.line && found.col ? `:${found.line}:${found.col}` : '';
        rows.push(row(title, found.name, `${file}${at}`));
      }
    }
  }
  return rows.sort();
}

/** The rows a committed knip-report.md lists. */
function reportRows(text) {
  const rows = [];
  let title;
  for (const line of text.split('\n')) {
    const heading = line.match(/^## (.+) \(\d+\)$/);
    if (heading) {
      title = heading[1];
      continue;
    }
    const cells = line.match(/^\| (.+?) +\| (.+?) +\| .* \|$/);
    if (title && cells && cells[1] !== 'Name' && !cells[1].startsWith(':')) {
      rows.push(row(title, cells[1], cells[2]));
    }
  }
  return rows.sort();
}

function difference(a, b) {
  const set = new Set(b);
  return a.filter(x => !set.has(x));
}

/** Returns one message per package whose report is out of date. */
function check(knip, readReport) {
  const problems = [];
  for (const dir of packageDirs()) {
    const text = readReport(dir);
    if (text === undefined) {
      problems.push(`${dir}/knip-report.md is missing`);
      continue;
    }
    const expected = expectedRows(knip, dir);
    const listed = reportRows(text);
    const missing = difference(expected, listed);
    const stale = difference(listed, expected);
    if (missing.length || stale.length) {
      problems.push(
        [
          `${dir}/knip-report.md is out of date:`,
          ...missing.map(r => `  + ${r}`),
          ...stale.map(r => `  - ${r}`),
        ].join('\n'),
      );
    }
  }
  return problems;
}

function readCommitted(dir) {
  const file = path.join(root, dir, 'knip-report.md');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

function main() {
  const knip = runKnip();
  if (process.argv.includes('--self-test')) {
    // A finding the reports do not list, and a listed row knip no longer
    // finds, must both fail the check.
    const [dir] = packageDirs();
    const extra = {
      file: `${dir}/package.json`,
      dependencies: [{ name: 'self-test-unused', line: 1, col: 1 }],
    };
    const added = check({ issues: [...knip.issues, extra] }, readCommitted);
    const removed = check({ issues: [] }, readCommitted);
    const ok =
      added.some(p => p.includes('+ Unused dependencies | self-test-unused')) &&
      (removed.length > 0 ||
        packageDirs().every(d => reportRows(readCommitted(d)).length === 0));
    console.log(ok ? 'self-test passed' : 'self-test FAILED');
    process.exit(ok ? 0 : 1);
  }
  const problems = check(knip, readCommitted);
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(
      '\nThe knip reports are out of date: run `yarn build:knip-reports` and commit the knip-report.md files.',
    );
    process.exit(1);
  }
  console.log(`knip reports up to date (${packageDirs().length} packages)`);
}

main();
