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
 * "Caught up": the new statement of a blue/green switch has read, on every
 * source topic partition, at least as far as the old one had when the new
 * one started running. Confluent reports a statement's position as
 * `status.latest_offsets`: per topic, `partition:0,offset:100;partition:1,offset:200`.
 */

/** Offsets by partition, from one topic's `latest_offsets` value. */
export function parseOffsets(text: string): Map<number, number> {
  const offsets = new Map<number, number>();
  for (const part of text.split(';')) {
    const m = /partition:\s*(\d+)\s*,\s*offset:\s*(-?\d+)/.exec(part);
    if (m) offsets.set(Number(m[1]), Number(m[2]));
  }
  return offsets;
}

/**
 * Where the new statement is still behind the old one's position: one
 * `topic[partition]: new < old` per lagging partition (none when caught up).
 */
export function offsetsBehind(
  current: Record<string, string> | undefined,
  target: Record<string, string> | undefined,
): string[] {
  const behind: string[] = [];
  for (const [topic, text] of Object.entries(target ?? {})) {
    const have = parseOffsets(current?.[topic] ?? '');
    for (const [partition, offset] of parseOffsets(text)) {
      const at = have.get(partition);
      if (at === undefined || at < offset) {
        behind.push(`${topic}[${partition}]: ${at ?? 'none'} < ${offset}`);
      }
    }
  }
  return behind;
}
