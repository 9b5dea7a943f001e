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
import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  ConfluentConnectorDetails,
  ConfluentStatementDetails,
} from '@shiftleft/plugin-confluent-common';
import {
  ConfluentClient,
  getConfluentErrorDetails,
  Statement,
} from '@shiftleft/plugin-confluent-node';
import { ConnectorTarget, StatementTarget, Watch } from './WatchRegistry';
import {
  connectorDetails,
  statementDetails,
  summarizeUpstreamError,
} from './views';

/** What one read found: the resource, or that it does not exist. */
export interface Found {
  details?: ConfluentStatementDetails | ConfluentConnectorDetails;
  /** Why there are no details: the resource or its environment is unknown. */
  missing?: string;
  /** Changes with every change of a statement (not with its offsets). */
  resourceVersion?: string;
}

/** A watched key due for a read, with what the last read found. */
export interface DueRead {
  key: string;
  watch: Watch;
  previous?: Found;
}

/** The outcome of one key's read. */
export type ReadResult = { value: Found } | { error: unknown };

/** Options of {@link createStatusReader}. */
export interface StatusReaderOptions {
  /** A client that does not retry: the poller backs off by itself. */
  client: ConfluentClient;
  logger: LoggerService;
}

/** Reads the current state of watched statements and connectors. */
export interface StatusReader {
  read(due: DueRead[], signal: AbortSignal): Promise<Map<string, ReadResult>>;
}

/** The list API's largest page. */
const PAGE_SIZE = 100;

function isNotFound(error: unknown): error is Error {
  return isError(error) && error.name === 'NotFoundError';
}

function missingMessage(error: Error): string {
  // An upstream 404 is summarized; a local one (environment or cluster
  // not configured) names ids only.
  return getConfluentErrorDetails(error)
    ? summarizeUpstreamError(error).message
    : error.message;
}

/** Runs one read; a 404 is an answer (the resource is missing), not a failure. */
async function settle(fn: () => Promise<Found>): Promise<ReadResult> {
  try {
    return { value: await fn() };
  } catch (error) {
    return isNotFound(error)
      ? { value: { missing: missingMessage(error) } }
      : { error };
  }
}

const statementTarget = (d: DueRead) => d.watch.target as StatementTarget;

/**
 * A statement's details. Its exceptions only change with the statement,
 * so they are read again when its phase or version changes, not on every
 * poll: one request per statement per interval in the steady state.
 */
async function withExceptions(
  { client, logger }: StatusReaderOptions,
  target: StatementTarget,
  statement: Statement,
  previous: Found | undefined,
  signal: AbortSignal,
): Promise<Found> {
  const resourceVersion = statement.metadata?.resource_version;
  const before = previous?.details as ConfluentStatementDetails | undefined;
  let exceptions = before?.exceptions;
  if (
    !exceptions ||
    before?.phase !== statement.status?.phase ||
    previous?.resourceVersion !== resourceVersion
  ) {
    try {
      exceptions = await client
        .flink(target.environmentId)
        .listStatementExceptions(target.name, { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      logger.warn(
        `Flink statement ${target.name}: could not read its exceptions: ${
          summarizeUpstreamError(error).message
        }`,
      );
      exceptions = exceptions ?? [];
    }
  }
  return {
    details: statementDetails(statement, exceptions),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
}

/** One GET per due statement. */
async function readEachStatement(
  options: StatusReaderOptions,
  due: DueRead[],
  signal: AbortSignal,
  results: Map<string, ReadResult>,
) {
  await Promise.all(
    due.map(async d => {
      const target = statementTarget(d);
      results.set(
        d.key,
        await settle(async () =>
          withExceptions(
            options,
            target,
            await options.client
              .flink(target.environmentId)
              .getStatement(target.name, { signal }),
            d.previous,
            signal,
          ),
        ),
      );
    }),
  );
}

/** Every statement of an environment, by name, and how many pages that took. */
async function listStatements(
  client: ConfluentClient,
  environmentId: string,
  signal: AbortSignal,
): Promise<{ byName: Map<string, Statement>; pages: number }> {
  const byName = new Map<string, Statement>();
  let pages = 0;
  for (let token: string | undefined; ; ) {
    const page = await client.flink(environmentId).listStatementsPage({
      pageSize: PAGE_SIZE,
      pageToken: token,
      signal,
    });
    pages++;
    for (const s of page.items) byName.set(s.name, s);
    if (!page.nextPageToken) break;
    token = page.nextPageToken;
  }
  return { byName, pages };
}

/** The due statements, from the environment's statement list. */
async function readStatementsFromList(
  options: StatusReaderOptions,
  environmentId: string,
  listed: Map<string, Statement>,
  due: DueRead[],
  signal: AbortSignal,
  results: Map<string, ReadResult>,
) {
  await Promise.all(
    due.map(async d => {
      const statement = listed.get(statementTarget(d).name);
      results.set(
        d.key,
        statement
          ? await settle(() =>
              withExceptions(
                options,
                statementTarget(d),
                statement,
                d.previous,
                signal,
              ),
            )
          : {
              value: {
                missing: `Confluent Flink SQL API lists no statement ${
                  statementTarget(d).name
                } in environment ${environmentId}`,
              },
            },
      );
    }),
  );
}

async function readConnector(
  client: ConfluentClient,
  d: DueRead,
  signal: AbortSignal,
): Promise<ReadResult> {
  const t = d.watch.target as ConnectorTarget;
  return settle(async () => ({
    details: connectorDetails(
      await client
        .connect(t.environmentId, t.kafkaClusterId)
        .getConnectorStatus(t.name, { signal }),
    ),
  }));
}

/**
 * Reads statements and connectors with as few requests as Confluent allows:
 * when more statements of one environment are due than the environment's
 * statement list has pages, the list (100 a page) is read instead of one
 * GET each, so the requests per interval are about min(watched, pages).
 */
export function createStatusReader(options: StatusReaderOptions): StatusReader {
  /** Pages of each environment's statement list, as last seen. */
  const pagesByEnvironment = new Map<string, number>();

  async function readStatementsOf(
    environmentId: string,
    due: DueRead[],
    signal: AbortSignal,
    results: Map<string, ReadResult>,
  ) {
    if (due.length <= (pagesByEnvironment.get(environmentId) ?? 1)) {
      await readEachStatement(options, due, signal, results);
      return;
    }
    let listed: Map<string, Statement>;
    try {
      const { byName, pages } = await listStatements(
        options.client,
        environmentId,
        signal,
      );
      pagesByEnvironment.set(environmentId, pages);
      listed = byName;
    } catch (error) {
      const failed = await settle(() => Promise.reject(error));
      for (const d of due) results.set(d.key, failed);
      return;
    }
    await readStatementsFromList(
      options,
      environmentId,
      listed,
      due,
      signal,
      results,
    );
  }

  return {
    async read(due, signal) {
      const results = new Map<string, ReadResult>();
      const statements = new Map<string, DueRead[]>();
      const connectors: DueRead[] = [];
      for (const d of due) {
        if (d.watch.kind === 'statement') {
          const env = d.watch.target.environmentId;
          statements.set(env, [...(statements.get(env) ?? []), d]);
        } else {
          connectors.push(d);
        }
      }
      await Promise.all([
        ...[...statements].map(([env, list]) =>
          readStatementsOf(env, list, signal, results),
        ),
        ...connectors.map(async d =>
          results.set(d.key, await readConnector(options.client, d, signal)),
        ),
      ]);
      return results;
    },
  };
}
