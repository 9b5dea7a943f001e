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
import { ConnectorSpec } from './connectorConfig';
import { DatabaseNetwork, HostNotAllowedError } from './network';

/*
 * Hosts typed into a template end up in connector configs, and Confluent
 * Cloud connects to them with the data of the product (a sink) or with the
 * password the user gave (a source). A connector may reach a network the
 * portal's users cannot (private networking), and a sink to a host of the
 * user's choice copies a team's data out. So every typed host passes the
 * same check as the CDC preflight's connection: the
 * `confluent.scaffolder.allowedDatabaseHosts` list, after DNS resolution.
 * Destinations configured under `confluent.scaffolder.sinks` are the
 * platform team's and are not checked.
 */

/** A host and port typed into a connector's settings. */
export interface TypedConnectorHost {
  /** What the host is, for messages: `the source database`, … */
  what: string;
  host: string;
  port: number;
}

/** The default port of each typed destination. */
const DEFAULT_PORTS = { postgres: 5432, redshift: 5439, snowflake: 443 };

function snowflakeHost(url: string): { host: string; port: number } | string {
  try {
    // Snowflake URLs are written with or without a scheme.
    const parsed = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`,
    );
    return {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : DEFAULT_PORTS.snowflake,
    };
  } catch {
    return 'the Snowflake sink url is not a URL';
  }
}

/**
 * The hosts a connector spec takes from input: the CDC source's database,
 * a sink's typed database or Snowflake URL. Unparseable ones come back as
 * problems.
 */
export function typedConnectorHosts(
  spec: ConnectorSpec,
): Array<TypedConnectorHost | string> {
  if (spec.type === 'postgres-cdc-source') {
    const db = spec.source?.database;
    return db
      ? [
          {
            what: 'the source database',
            host: db.hostname,
            port: db.port ?? DEFAULT_PORTS.postgres,
          },
        ]
      : [];
  }
  const sink = spec.sink;
  // A configured destination is the platform team's: not input.
  if (!sink || sink.connection) return [];
  if (spec.type === 'snowflake-sink') {
    if (!sink.snowflake?.url) return [];
    const found = snowflakeHost(sink.snowflake.url);
    return [
      typeof found === 'string'
        ? found
        : { what: 'the Snowflake sink', ...found },
    ];
  }
  const db = sink.database;
  if (!db) return [];
  return [
    {
      what: 'the sink database',
      host: db.hostname,
      port:
        db.port ??
        (spec.type === 'redshift-sink'
          ? DEFAULT_PORTS.redshift
          : DEFAULT_PORTS.postgres),
    },
  ];
}

/**
 * Checks each typed host of a connector against the allowed database hosts
 * (resolving names, never connecting). Returns one problem per refused
 * host, in the preflight's words: "host not allowed by configuration",
 * never why (an unknown name reads like a refused one).
 */
export async function connectorHostProblems(
  spec: ConnectorSpec,
  network: DatabaseNetwork,
): Promise<string[]> {
  const problems: string[] = [];
  for (const typed of typedConnectorHosts(spec)) {
    if (typeof typed === 'string') {
      problems.push(typed);
      continue;
    }
    try {
      await network.endpoint(typed.host, typed.port);
    } catch (error) {
      if (!(error instanceof HostNotAllowedError)) throw error;
      problems.push(`${typed.what}: ${error.message}`);
    }
  }
  return problems;
}
