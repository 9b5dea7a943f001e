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
import { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { createDatabaseNetwork, DatabaseNetwork } from '../lib/network';

/*
 * The network of the action tests: names are resolved by a table, never by
 * DNS, and only loopback sockets ever open. Anything else fails to connect
 * at once, as an unreachable host would, without a packet leaving.
 */

/** Where the tests' made-up `*.example.com` hosts "resolve" (TEST-NET-3). */
export const EXAMPLE_HOST_ADDRESS = '203.0.113.10';

/** The hosts action tests allow: loopback and the made-up example hosts. */
export const TEST_ALLOWED_HOSTS = [
  '127.0.0.1/32',
  '*.example.com',
  '203.0.113.0/24',
];

/** Resolves `localhost` and `*.example.com` from a table; no DNS. */
export const testResolver = async (host: string): Promise<string[]> => {
  if (host === 'localhost') return ['127.0.0.1'];
  if (host.endsWith('.example.com')) return [EXAMPLE_HOST_ADDRESS];
  throw new Error(`ENOTFOUND ${host}`);
};

/** A socket that connects to loopback only; anything else fails at once. */
export function loopbackOnlySocket(): Duplex {
  const socket = new Socket();
  const connect = socket.connect.bind(socket) as (...args: any[]) => Socket;
  socket.connect = ((...args: any[]) => {
    if (args[1] === '127.0.0.1') return connect(...args);
    process.nextTick(() =>
      socket.destroy(new Error('test network: only loopback is reachable')),
    );
    return socket;
  }) as any;
  return socket;
}

/** The tests' database network over {@link testResolver}. */
export function testDatabaseNetwork(
  allowedHosts: string[] = TEST_ALLOWED_HOSTS,
): DatabaseNetwork {
  return createDatabaseNetwork({
    allowedHosts,
    resolve: testResolver,
    createSocket: loopbackOnlySocket,
  });
}
