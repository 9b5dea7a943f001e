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
 * Token rewrites for forms of Confluent's Flink SQL that the grammar lacks,
 * in the manner of tokens/: tokens change type or channel, or (for the
 * window TVF wrapper, `{n}` quantifiers and postfix collection types)
 * synthetic tokens are added at the position of the token they belong to,
 * so error positions stay where the user wrote.
 *
 * One file per form.
 *
 * This file: synthetic tokens: added at the position of the token they
 * belong to, so error positions stay where the user wrote.
 */
import type { Tok } from '../tokens/lex';

/** A token of another type at the position of `at` (zero width, before it). */
export function synthetic(at: Tok, type: number, text: string): Tok {
  const token = at.clone();
  token.type = type;
  token.text = text;
  token.stop = token.start - 1;
  return token;
}
