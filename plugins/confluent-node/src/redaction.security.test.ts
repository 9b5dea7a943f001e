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
import { serializeError } from '@backstage/errors';
import type { ConfluentEmulator } from '@shiftleft/confluent-emulator';
import {
  CapturingLogger,
  startTestEmulator,
} from '@shiftleft/confluent-emulator/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConfluentClient } from './ConfluentClient';
import { emulatorConfig } from './__testUtils__/emulator';

/*
 * Issue 18.6: upstream error text was whitespace-collapsed and cut at 500
 * characters before secrets were redacted, so a password with double
 * spaces, or one straddling the cut, reached the error message.
 */

/** A loopback server answering 400 with `prefix` + the request body. */
async function echoServer(prefix: string) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error_code: 400,
          message: `${prefix}${body.config['connection.password']}`,
        }),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every place an error's text can surface: message, serialization, inspect. */
function surfaces(error: unknown, logger: CapturingLogger): string {
  return [
    String(error),
    JSON.stringify(serializeError(error as Error, { includeStack: true })),
    inspect(error, { depth: Infinity, showHidden: true }),
    logger.text(),
  ].join('\n');
}

describe('redaction order (18.6)', () => {
  let emu: ConfluentEmulator;

  beforeAll(async () => {
    emu = await startTestEmulator();
  }, 60_000);
  afterAll(() => emu?.stop());

  async function createFailing(prefix: string, password: string) {
    const echo = await echoServer(prefix);
    const logger = new CapturingLogger();
    try {
      const config = emulatorConfig(emu, { maxRetries: 0 }) as any;
      config.cloud.baseUrl = echo.url;
      const client = ConfluentClient.create({ config, logger });
      const error = await client
        .connect(emu.ids.environmentId, emu.ids.kafkaClusterId)
        .createConnector({
          name: 'leaky',
          config: {
            'connector.class': 'PostgresSink',
            'connection.password': password,
          },
        })
        .then(
          () => undefined,
          e => e,
        );
      expect(error).toBeInstanceOf(Error);
      return surfaces(error, logger);
    } finally {
      await echo.close();
    }
  }

  it('redacts a password with double spaces before collapsing whitespace', async () => {
    const password = 'correct  horse  battery  staple';
    const text = await createFailing('Invalid password: ', password);
    expect(text).toContain('[REDACTED]');
    expect(text).not.toContain(password);
    expect(text).not.toContain('correct horse battery staple');
  });

  it('redacts a password straddling the 500-character cut', async () => {
    const password = 'Zq9straddlingSecret77';
    // The first 10 characters of the password fall before the cut.
    const text = await createFailing(`${'x'.repeat(485)} `, password);
    expect(text).not.toContain(password.slice(0, 10));
  });
});
