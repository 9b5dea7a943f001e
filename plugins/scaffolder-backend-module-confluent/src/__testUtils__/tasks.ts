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
import { mockCredentials } from '@backstage/backend-test-utils';
import { eventually } from '@shiftleft/confluent-emulator/testUtils';
import request from 'supertest';

/**
 * Waits until a scaffolder task has finished (completed, failed or
 * cancelled), reading it as a signed-in user; returns the task.
 */
export async function waitForTask(
  server: Parameters<typeof request>[0],
  taskId: string,
): Promise<any> {
  const res = await eventually(
    () =>
      request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}`)
        .set('Authorization', mockCredentials.user.header()),
    r => ['completed', 'failed', 'cancelled'].includes(r.body.status),
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  return res.body;
}
