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
 * The `flink-sql-lineage` command: the lineage of one Flink SQL statement
 * as JSON, or its OpenLineage column lineage facets.
 */
import { readFile } from 'node:fs/promises';
import { extractFlinkLineage } from './extractFlinkLineage';
import { toOpenLineageColumnLineage } from './openLineage';
import { FlinkSqlSyntaxError } from './tokens/lex';

const USAGE = `Usage: flink-sql-lineage [--openlineage [--namespace NS]] FILE

Prints the table and column lineage of one Confluent Cloud Flink SQL
statement (with its optional SET/USE prelude) as JSON.

  FILE            the statement; - reads it from standard input
  --openlineage   print OpenLineage output datasets, each with its column
                  lineage dataset facet (1-2-0), instead
  --namespace NS  the OpenLineage namespace of the tables (default: flink)
  -h, --help      show this help

Exit codes: 0 lineage printed, 1 the SQL cannot be analysed (the error says
FILE:line:column), 2 wrong usage or unreadable FILE.
`;

/**
 * Where the CLI reads and writes; the process's own by default, in tests
 * buffers.
 * @public
 */
export interface FlinkSqlLineageCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
  /** Reads a file as UTF-8. */
  readFile: (path: string) => Promise<string>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const processIo: FlinkSqlLineageCliIo = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  readStdin: () => readAll(process.stdin),
  readFile: path => readFile(path, 'utf8'),
};

interface Args {
  file?: string;
  openLineage: boolean;
  namespace?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { openLineage: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      args.help = true;
    } else if (arg === '--openlineage') {
      args.openLineage = true;
    } else if (arg === '--namespace' || arg.startsWith('--namespace=')) {
      const value = arg.includes('=') ? arg.slice(12) : argv[++i];
      if (!value) return '--namespace needs a value';
      args.namespace = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (args.file !== undefined) {
      return 'give one FILE (or - for standard input)';
    } else {
      args.file = arg;
    }
  }
  if (!args.help && args.file === undefined) {
    return 'give one FILE (or - for standard input)';
  }
  if (args.namespace !== undefined && !args.openLineage) {
    return '--namespace goes with --openlineage';
  }
  return args;
}

/**
 * Runs the `flink-sql-lineage` command with its arguments (without `node`
 * and the script) and returns the exit code: 0 printed, 1 the SQL cannot be
 * analysed (reported as `FILE:line:column: message` on stderr), 2 wrong
 * usage or an unreadable file.
 * @public
 */
export async function runFlinkSqlLineageCli(
  argv: string[],
  io: FlinkSqlLineageCliIo = processIo,
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`flink-sql-lineage: ${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  const file = args.file!;
  const name = file === '-' ? '<stdin>' : file;
  let sql: string;
  try {
    sql = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    io.stderr(
      `flink-sql-lineage: cannot read ${name}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  try {
    const lineage = extractFlinkLineage(sql);
    const output = args.openLineage
      ? toOpenLineageColumnLineage(lineage, { namespace: args.namespace })
      : lineage;
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof FlinkSqlSyntaxError) {
      io.stderr(
        `${name}:${error.line}:${error.column}: error: ${error.detail}\n`,
      );
      return 1;
    }
    if (error instanceof Error && error.name === 'InputError') {
      io.stderr(`${name}: error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
