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
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runFlinkSqlLineageCli, type FlinkSqlLineageCliIo } from './cli';
import { PRODUCT_SALES } from './__fixtures__/workshop';

const INVALID = 'INSERT INTO t\nSELECT a,, b FROM s';

/** Runs the command in-process on real files, capturing its output. */
async function run(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: FlinkSqlLineageCliIo = {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
    readStdin: async () => stdin,
    readFile: path => readFile(path, 'utf8'),
  };
  const code = await runFlinkSqlLineageCli(argv, io);
  return { code, stdout, stderr };
}

describe('flink-sql-lineage', () => {
  let dir: string;
  let statement: string;
  let invalid: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flink-sql-lineage-'));
    statement = join(dir, 'product_sales.sql');
    invalid = join(dir, 'invalid.sql');
    await writeFile(statement, PRODUCT_SALES);
    await writeFile(invalid, INVALID);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the lineage of a workshop statement as JSON', async () => {
    const { code, stdout, stderr } = await run([statement]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lineage = JSON.parse(stdout);
    expect(lineage.kind).toBe('CREATE_TABLE_AS');
    expect(lineage.sinks).toEqual([{ table: 'product_sales' }]);
    expect(lineage.sources.map((t: { table: string }) => t.table)).toEqual(
      expect.arrayContaining([
        'shiftleft.public.orders',
        'products_with_pk',
        'enriched_customers',
      ]),
    );
    expect(lineage.columns.map((c: { column: string }) => c.column)).toContain(
      'customername',
    );
  });

  it('prints the OpenLineage column lineage facet with --openlineage', async () => {
    const { code, stdout } = await run([
      '--openlineage',
      '--namespace',
      'kafka://pkc-1.confluent.cloud:9092',
      statement,
    ]);
    expect(code).toBe(0);
    const [output, ...others] = JSON.parse(stdout);
    expect(others).toEqual([]);
    expect(output.namespace).toBe('kafka://pkc-1.confluent.cloud:9092');
    expect(output.name).toBe('product_sales');
    const facet = output.facets.columnLineage;
    expect(facet._schemaURL).toContain('/1-2-0/ColumnLineageDatasetFacet.json');
    expect(facet.fields.customername.inputFields).toEqual([
      {
        namespace: 'kafka://pkc-1.confluent.cloud:9092',
        name: 'enriched_customers',
        field: 'customername',
        transformations: [
          {
            type: 'DIRECT',
            subtype: 'IDENTITY',
            description: expect.any(String),
            masking: false,
          },
        ],
      },
    ]);
    // The joins decide which rows reach product_sales.
    expect(
      facet.dataset.some(
        (f: { transformations: Array<{ subtype: string }> }) =>
          f.transformations[0].subtype === 'JOIN',
      ),
    ).toBe(true);
  });

  it('reports invalid SQL at file:line:column and exits with 1', async () => {
    const { code, stdout, stderr } = await run([invalid]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${invalid}:2:10: error: unexpected ','\n`);
  });

  it('reads standard input with -', async () => {
    expect(await run(['-'], INVALID)).toEqual({
      code: 1,
      stdout: '',
      stderr: "<stdin>:2:10: error: unexpected ','\n",
    });
    const { code, stdout } = await run(['-'], PRODUCT_SALES);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).sinks).toEqual([{ table: 'product_sales' }]);
  });

  it('exits with 2 on wrong usage or an unreadable file', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: flink-sql-lineage');
    expect((await run(['--bogus', statement])).code).toBe(2);
    const missing = await run([join(dir, 'missing.sql')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('runs as a command: the bin script, stdin and the exit code', async () => {
    const bin = resolve(__dirname, '../bin/flink-sql-lineage');
    const child = spawn(process.execPath, [bin, '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.stdin.end(INVALID);
    const code = await new Promise(done => child.on('close', done));
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: "<stdin>:2:10: error: unexpected ','\n",
    });
  });
});
