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
import { CustomErrorBase } from '@backstage/errors';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { Duplex } from 'node:stream';

/*
 * Which databases the backend may open a connection to when a user types a
 * host (the CDC preflight, the plan's column read). Without this, a
 * portal user could make the backend probe its own network: loopback
 * services, the cloud metadata address, other teams' private hosts.
 *
 * A host is checked after DNS resolution, every address it resolves to,
 * and the connection then goes to the checked address, so a DNS answer
 * that changes between check and connect (rebinding) cannot redirect it.
 */

/** The configuration key listing the allowed database hosts. */
export const ALLOWED_DATABASE_HOSTS_KEY =
  'confluent.scaffolder.allowedDatabaseHosts';

/**
 * A host that configuration does not allow the backend to connect to.
 *
 * @public
 */
export class HostNotAllowedError extends CustomErrorBase {
  name = 'HostNotAllowedError' as const;
}

/** Resolves a host name to its addresses (IPv4 or IPv6 literals). */
export type HostResolver = (host: string) => Promise<string[]>;

/**
 * Where the pg client connects: the checked address, through `stream`.
 *
 * @public
 */
export interface DatabaseEndpoint {
  /** The checked IP address (never a name: pg must not resolve again). */
  address: string;
  port: number;
  /** The host name typed, for TLS server identity (SNI); unset for IPs. */
  servername?: string;
  /** pg's `stream` option: opens the socket the connection uses. */
  stream: () => Duplex;
}

/**
 * Checks user-typed database hosts against configuration.
 *
 * @public
 */
export interface DatabaseNetwork {
  /**
   * Resolves and checks `host`, and returns where to connect. Throws
   * {@link HostNotAllowedError} before resolving when the text is not a
   * host, and before any socket is opened when an address is not allowed.
   */
  endpoint(host: string, port: number): Promise<DatabaseEndpoint>;
}

/** Options of {@link createDatabaseNetwork}. */
export interface DatabaseNetworkOptions {
  /**
   * Host patterns (`db.example.com`, `*.example.com`, `*`) and CIDRs
   * (`10.20.0.0/16`, `127.0.0.1/32`, `::1/128`). A name matching a pattern
   * may resolve to public addresses only; loopback, link-local, private and
   * other special addresses must lie in a listed CIDR.
   */
  allowedHosts: readonly string[];
  /** Default: the system resolver (`dns.lookup`, all addresses). */
  resolve?: HostResolver;
  /** Default: a plain TCP socket. */
  createSocket?: () => Duplex;
  /** How long resolution may take. Default 5 s. */
  resolveTimeoutMs?: number;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// A DNS name: labels of letters, digits and inner hyphens. Each label is
// bounded, so the match is linear.
export const HOST_NAME_PATTERN = new RegExp(
  `^${LABEL}(?:\\.${LABEL})*\\.?$`,
  'i',
);
/** An entry of `allowedDatabaseHosts` that is a host pattern. */
export const ALLOWED_HOST_PATTERN = new RegExp(
  `^(?:\\*|(?:\\*\\.)?${LABEL}(?:\\.${LABEL})*)$`,
  'i',
);

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseEntry(entry: string): Cidr | string {
  const text = entry.trim().toLowerCase();
  if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
  if (isIP(text)) {
    const ip = ipaddr.parse(text);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  }
  if (ALLOWED_HOST_PATTERN.test(text)) return text;
  throw new Error(
    `${ALLOWED_DATABASE_HOSTS_KEY}: '${entry}' is neither a host pattern (db.example.com, *.example.com) nor a CIDR (10.0.0.0/8)`,
  );
}

/**
 * The problems of an `allowedDatabaseHosts` list, one per bad entry, for
 * the configuration reader.
 */
export function allowedHostsProblems(entries: readonly string[]): string[] {
  return entries.flatMap(e => {
    try {
      parseEntry(e);
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  });
}

function matchesPattern(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const systemResolver: HostResolver = async host =>
  (await lookup(host, { all: true, verbatim: true })).map(a => a.address);

/**
 * Creates the check of user-typed database hosts.
 *
 * @example
 * ```ts
 * const network = createDatabaseNetwork({
 *   allowedHosts: ['*.rds.amazonaws.com', '10.20.0.0/16'],
 * });
 * const endpoint = await network.endpoint('orders.rds.amazonaws.com', 5432);
 * new Client({ host: endpoint.address, port: endpoint.port, stream: endpoint.stream });
 * ```
 */
export function createDatabaseNetwork(
  options: DatabaseNetworkOptions,
): DatabaseNetwork {
  const entries = options.allowedHosts.map(parseEntry);
  const cidrs = entries.filter((e): e is Cidr => typeof e !== 'string');
  const patterns = entries.filter((e): e is string => typeof e === 'string');
  const resolve = options.resolve ?? systemResolver;
  const createSocket = options.createSocket ?? (() => new Socket());
  const resolveTimeoutMs = options.resolveTimeoutMs ?? 5000;

  const refuse = (host: string) =>
    new HostNotAllowedError(
      `${host}: host not allowed by configuration (${ALLOWED_DATABASE_HOSTS_KEY})`,
    );

  const addressAllowed = (address: string, nameAllowed: boolean) => {
    if (!ipaddr.isValid(address)) return false;
    // An IPv4-mapped IPv6 address is judged as the IPv4 address it is.
    const ip = ipaddr.process(address);
    if (
      cidrs.some(
        ([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits),
      )
    ) {
      return true;
    }
    // Loopback, link-local (169.254.169.254), private, NAT64 and every
    // other special range need a listed CIDR; a name only vouches for
    // public unicast addresses.
    return nameAllowed && ip.range() === 'unicast';
  };

  return {
    async endpoint(host, port) {
      const text = typeof host === 'string' ? host.trim().toLowerCase() : '';
      const literal = isIP(text) !== 0;
      // Anything else (a socket path, a URL, a host with a port) is refused
      // before resolving: pg would treat `/…` as a Unix socket.
      if (
        !Number.isInteger(port) ||
        port < 1 ||
        port > 65535 ||
        (!literal && (text.length > 253 || !HOST_NAME_PATTERN.test(text)))
      ) {
        throw refuse(String(host).slice(0, 253));
      }
      const name = text.replace(/\.$/, '');
      const nameAllowed =
        !literal && patterns.some(p => matchesPattern(name, p));
      if (!nameAllowed && !cidrs.length) throw refuse(name);
      let addresses: string[];
      if (literal) {
        addresses = [text];
      } else {
        try {
          addresses = await withTimeout(resolve(name), resolveTimeoutMs);
        } catch {
          // An unknown name says no more than a refused one.
          throw refuse(name);
        }
      }
      // Every address must pass, or a round-robin answer could slip a
      // loopback address past a check of the first one.
      if (
        !addresses.length ||
        !addresses.every(a => addressAllowed(a, nameAllowed))
      ) {
        throw refuse(name);
      }
      return {
        address: ipaddr.process(addresses[0]).toString(),
        port,
        servername: literal ? undefined : name,
        stream: createSocket,
      };
    },
  };
}
