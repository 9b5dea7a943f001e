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
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ConfluentApiErrorDetails,
  createConfluentError,
  getConfluentErrorDetails,
  orMissing,
  parseUpstreamError,
} from './errors';

describe('parseUpstreamError', () => {
  it('reads the v2 Failure body', () => {
    expect(
      parseUpstreamError({
        errors: [
          {
            status: '404',
            code: 'resource_not_found',
            title: 'Not Found',
            detail: "Statement 'x' not found",
          },
          { title: 'Second' },
        ],
      }),
    ).toEqual({
      code: 'resource_not_found',
      message: "Statement 'x' not found; Second",
    });
  });

  it('reads the Connect shapes', () => {
    expect(
      parseUpstreamError({
        error: { code: 404, message: 'Connector x not found' },
      }),
    ).toEqual({
      code: '404',
      message: 'Connector x not found',
    });
    expect(parseUpstreamError({ error_code: 500, message: 'Oops' })).toEqual({
      code: '500',
      message: 'Oops',
    });
    expect(parseUpstreamError({ code: 400, message: 'Bad config' })).toEqual({
      code: '400',
      message: 'Bad config',
    });
  });

  it('reads the Schema Registry / Catalog / Kafka REST shape', () => {
    expect(
      parseUpstreamError({
        error_code: 40401,
        message: "Subject 'x' not found.",
      }),
    ).toEqual({
      code: '40401',
      message: "Subject 'x' not found.",
    });
  });

  it('ignores HTML pages (Kafka REST 429) and odd bodies', () => {
    expect(
      parseUpstreamError('<html><body>Too many requests</body></html>'),
    ).toEqual({});
    expect(parseUpstreamError(undefined)).toEqual({});
    expect(parseUpstreamError([1, 2])).toEqual({});
    expect(parseUpstreamError('plain text problem')).toEqual({
      message: 'plain text problem',
    });
  });
});

describe('createConfluentError', () => {
  const base: ConfluentApiErrorDetails = {
    api: 'flink',
    apiTitle: 'Confluent Flink SQL API',
    operation: 'getStatement',
    method: 'GET',
    path: '/sql/v1/organizations/o/environments/e/statements/s',
    failure: 'http',
    attempts: 1,
    requestId: 'req-1',
    credentialsConfigKey: 'confluent.environments[0].flink',
  };

  it.each([
    [401, AuthenticationError],
    [402, NotAllowedError],
    [403, NotAllowedError],
    [404, NotFoundError],
    [409, ConflictError],
    [400, InputError],
    [422, InputError],
    [429, ServiceUnavailableError],
    [500, ServiceUnavailableError],
    [503, ServiceUnavailableError],
  ])('maps %s to %p', (status, type) => {
    const error = createConfluentError({ ...base, status }, "statement 's'");
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain('Confluent Flink SQL API');
    expect(error.message).toContain('request id req-1');
    expect(getConfluentErrorDetails(error)).toMatchObject({
      status,
      requestId: 'req-1',
    });
  });

  it('says which credentials to check on a 401', () => {
    const error = createConfluentError({
      ...base,
      status: 401,
      code: 'user_unauthenticated',
    });
    expect(error.message).toMatch(
      /^Confluent Flink SQL API rejected the credentials for getStatement \(401 user_unauthenticated, request id req-1\)/,
    );
    expect(error.message).toContain(
      'check confluent.environments[0].flink.apiKey and apiSecret',
    );
  });

  it('keeps the details through serialization (what a backend route sends)', () => {
    const error = createConfluentError({
      ...base,
      status: 404,
      upstreamMessage: 'gone',
    });
    const serialized = serializeError(error) as any;
    expect(serialized.name).toBe('NotFoundError');
    expect(serialized.cause.name).toBe('ConfluentApiError');
    expect(serialized.cause.details).toMatchObject({
      status: 404,
      upstreamMessage: 'gone',
    });
  });

  it('describes timeouts and network failures', () => {
    const timeout = createConfluentError({
      ...base,
      failure: 'timeout',
      attempts: 3,
    });
    expect(timeout).toBeInstanceOf(ServiceUnavailableError);
    expect(timeout.message).toMatch(
      /did not answer getStatement in time after 3 attempts/,
    );
    const network = createConfluentError({
      ...base,
      failure: 'network',
      code: 'ECONNREFUSED',
    });
    expect(network.message).toMatch(
      /is unreachable for getStatement \(ECONNREFUSED\)/,
    );
  });
});

describe('orMissing', () => {
  it('reads a missing resource as undefined and passes values through', async () => {
    await expect(orMissing(Promise.resolve('found'))).resolves.toBe('found');
    await expect(
      orMissing(Promise.reject(new NotFoundError('no statement'))),
    ).resolves.toBeUndefined();
  });

  it('still throws any other failure', async () => {
    await expect(
      orMissing(Promise.reject(new NotAllowedError('not yours'))),
    ).rejects.toThrow('not yours');
  });
});
