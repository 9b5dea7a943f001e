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
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { signalApiRef, useSignal } from '@backstage/plugin-signals-react';
import {
  ConfluentRefreshHints,
  ConfluentUpstreamError,
} from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import useInterval from 'react-use/esm/useInterval';
import { useConfluentT } from '../translation';

/** The backend's own message of a failed request, else the error's. */
export function errorMessage(error: Error): string {
  const body = (error as Partial<ResponseError>).body;
  return body?.error?.message ?? error.message;
}

/** Whether a request failed with 404. */
export function isNotFound(error: Error): boolean {
  return (
    (error as Partial<ResponseError>).statusCode === 404 ||
    error.name === 'NotFoundError'
  );
}

/** A short age: `4 s`, `3 min`, `2 h`, `5 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/** The current time, re-rendering every `periodMs`. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), periodMs);
  return now;
}

/** "updated 3 s ago", ticking. */
export function UpdatedAgo(props: { at?: string; prefix?: string }) {
  const now = useNow();
  const { at, prefix } = props;
  const t = useConfluentT();
  if (!at) return null;
  const ms = now - Date.parse(at);
  return (
    <Typography
      component="span"
      variant="caption"
      color="text.secondary"
      title={new Date(at).toLocaleString()}
    >
      {prefix
        ? t('common.agoWithPrefix', { prefix, age: formatAge(ms) })
        : t('common.updatedAgo', { age: formatAge(ms) })}
    </Typography>
  );
}

/** How a card stays current. */
export type LiveMode = 'signals' | 'polling';

/**
 * When, after its first answer, a card on signals reads once more. The
 * signals client subscribes only once its WebSocket is open (within its 1 s
 * connect timeout, or after its 5 s reconnect delay when that first try
 * fails), and a change pushed before then never reaches the page; these
 * reads, which the backend answers from its shared cache, catch it.
 */
const CATCH_UP_MS = [2_000, 7_000];

/**
 * Loads a status response and keeps it current. With signals installed,
 * pushed updates do the work (see {@link useLiveItem}) and the request is
 * repeated only to renew the backend's watch lease; without them, it is
 * repeated every poll interval, which the backend answers from its shared
 * cache without calling Confluent, and twice soon after the first answer
 * (see `CATCH_UP_MS`).
 */
export function useLiveResponse<R extends { refresh: ConfluentRefreshHints }>(
  load: () => Promise<R>,
  /** What is loaded (an entity ref): a change starts over. */
  key: string,
) {
  const signals = useApiHolder().get(signalApiRef);
  const [value, setValue] = useState<R>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async () => {
    try {
      const next = await loadRef.current();
      setValue(next);
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    // Another entity in the same card instance: forget the previous one.
    setValue(undefined);
    setError(undefined);
    setLoading(true);
    refresh();
  }, [refresh, key]);

  const hints = value?.refresh;
  const mode: LiveMode = signals ? 'signals' : 'polling';
  let periodMs: number | null = null;
  // Zero hints: nothing to keep current (no annotation, nothing watched).
  if (hints && hints.pollIntervalSeconds > 0) {
    periodMs =
      mode === 'signals'
        ? (hints.watchLeaseSeconds * 1000) / 3
        : hints.pollIntervalSeconds * 1000;
  }
  useInterval(refresh, periodMs);

  const loaded = value !== undefined;
  useEffect(() => {
    if (mode !== 'signals' || !loaded) return undefined;
    const timers = CATCH_UP_MS.map(ms => setTimeout(refresh, ms));
    return () => timers.forEach(clearTimeout);
  }, [mode, loaded, key, refresh]);

  return { value, error, loading, refresh, mode };
}

/**
 * One item of a response (a statement, a connector), replaced by what its
 * signals channel pushes: whichever arrived last is shown.
 */
export function useLiveItem<T, M extends { status: T }>(
  item: T,
  channel: string,
  accept: (message: M) => boolean,
): [T, (next: T) => void] {
  const { lastSignal } = useSignal<any>(channel);
  const [shown, setShown] = useState(item);
  useEffect(() => setShown(item), [item]);
  useEffect(() => {
    if (lastSignal && accept(lastSignal as M)) {
      setShown((lastSignal as M).status);
    }
    // `accept` is a pure check of the message.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
  return [shown, setShown];
}

/** "live" or "refreshed every 5 s", next to the age. */
export function LiveHint(props: {
  mode: LiveMode;
  hints?: ConfluentRefreshHints;
}) {
  const { mode, hints } = props;
  const t = useConfluentT();
  const text =
    mode === 'signals'
      ? t('common.live')
      : t('common.refreshedEvery', {
          seconds: String(hints?.pollIntervalSeconds ?? '?'),
        });
  return (
    <Typography component="span" variant="caption" color="text.secondary">
      {text}
    </Typography>
  );
}

/**
 * Why an older state is shown: the upstream failure and the state's age.
 */
export function StaleAlert(props: {
  error: ConfluentUpstreamError;
  fetchedAt?: string;
}) {
  const now = useNow();
  const { error, fetchedAt } = props;
  const t = useConfluentT();
  const age = fetchedAt
    ? t('common.staleRead', { age: formatAge(now - Date.parse(fetchedAt)) })
    : t('common.staleNothing');
  return (
    <Alert severity="warning">
      {t('common.staleIntro', { message: error.message })}
      {age}
      {error.retrying ? t('common.staleRetrying') : t('common.staleEnd')}
    </Alert>
  );
}
