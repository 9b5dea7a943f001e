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
import type * as antlr from 'antlr4ng';
import type * as FlinkParserModule from 'dt-sql-parser/dist/lib/flink/FlinkSqlParser';
import type { FlinkSqlLexer } from 'dt-sql-parser/dist/lib/flink/FlinkSqlLexer';

/**
 * The runtime of the Flink SQL grammar: dt-sql-parser's generated Flink
 * lexer and parser (with every parse-tree context class) plus the antlr4ng
 * classes this library uses.
 */
export type FlinkGrammar = typeof FlinkParserModule & {
  FlinkSqlLexer: typeof FlinkSqlLexer;
  CharStreams: typeof antlr.CharStreams;
  CommonToken: typeof antlr.CommonToken;
  CommonTokenFactory: typeof antlr.CommonTokenFactory;
  CommonTokenStream: typeof antlr.CommonTokenStream;
  DefaultErrorStrategy: typeof antlr.DefaultErrorStrategy;
  BailErrorStrategy: typeof antlr.BailErrorStrategy;
  ParseCancellationException: typeof antlr.ParseCancellationException;
  ParserRuleContext: typeof antlr.ParserRuleContext;
  PredictionMode: typeof antlr.PredictionMode;
  TerminalNode: typeof antlr.TerminalNode;
  Token: typeof antlr.Token;
};

let grammar: FlinkGrammar | undefined;

/**
 * Loads the grammar on first use.
 *
 * Why a generated CommonJS bundle and a lazy require(): dt-sql-parser ships
 * ES modules with extensionless and directory imports and no
 * `"type": "module"`, which plain Node cannot load (neither require nor
 * import), and which the Backstage node transform does not touch because it
 * skips node_modules. This package's postinstall
 * (scripts/bundle-flink-grammar.cjs) bundles just the Flink grammar with
 * esbuild into generated/flink-sql-grammar.cjs, a plain CommonJS file that
 * jest, `backstage-cli package start`, the emulator's
 * `node --require …/nodeTransform.cjs`, the CLI and a production build all
 * load as is, with no per-consumer jest config or Node loader hooks. The
 * path is the same relative to src and dist, and `generated` is in the
 * package's `files`, so the published package carries it.
 *
 * Loading lazily keeps the 1.2 MB grammar out of backend start-up until a
 * statement is parsed. This is a Node library: the package.json `browser`
 * field maps the bundle to an empty module, so a browser bundle that pulls
 * it in by mistake gets a clear error instead of 1.2 MB of grammar.
 */
export function loadFlinkGrammar(): FlinkGrammar {
  if (!grammar) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      grammar = require('../generated/flink-sql-grammar.cjs') as FlinkGrammar;
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND' &&
        String((error as Error).message).includes('flink-sql-grammar')
      ) {
        throw new Error(
          'The Flink SQL grammar bundle of @shiftleft/flink-sql-lineage is missing. ' +
            'It is generated on install: run `yarn install`, or ' +
            '`yarn workspace @shiftleft/flink-sql-lineage build:grammar`.',
        );
      }
      throw error;
    }
    if (typeof grammar?.FlinkSqlParser !== 'function') {
      grammar = undefined;
      throw new Error('Flink SQL parsing is not available in browser bundles');
    }
  }
  return grammar;
}
