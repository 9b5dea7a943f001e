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
import { ReactNode } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { ConfluentRefreshHints } from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { errorMessage, LiveHint, LiveMode, UpdatedAgo } from './live';

/* The layout pieces the entity cards share. */

/** A card on an entity without the annotation it reads. */
export function MissingAnnotationCard(props: {
  title: string;
  annotation: string;
}) {
  return (
    <InfoCard title={props.title}>
      <MissingAnnotationEmptyState annotation={props.annotation} />
    </InfoCard>
  );
}

/** A card while its first response loads. */
export function LoadingCard(props: { title: string }) {
  return (
    <InfoCard title={props.title}>
      <Progress />
    </InfoCard>
  );
}

/**
 * A card of live statuses, one below the other, under a warning when the
 * last refresh failed (the statuses shown are then the previous ones).
 */
export function LiveStatusCard(props: {
  title: string;
  error?: Error;
  children: ReactNode;
}) {
  const { title, error, children } = props;
  return (
    <InfoCard title={title} variant="gridItem">
      <Stack spacing={2} divider={<Divider flexItem />}>
        {error && (
          <Alert severity="warning">
            Could not refresh the status: {errorMessage(error)}
          </Alert>
        )}
        {children}
      </Stack>
    </InfoCard>
  );
}

/**
 * The first line of a live status: the resource's name, what `children`
 * add (its state), and how fresh it is.
 */
export function LiveStatusHeader(props: {
  name: string;
  fetchedAt?: string;
  mode: LiveMode;
  hints?: ConfluentRefreshHints;
  children?: ReactNode;
}) {
  const { name, fetchedAt, mode, hints, children } = props;
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
      <Typography variant="subtitle1" sx={{ fontFamily: 'monospace' }}>
        {name}
      </Typography>
      {children}
      <Box sx={{ flexGrow: 1 }} />
      <UpdatedAgo at={fetchedAt} />
      <LiveHint mode={mode} hints={hints} />
    </Stack>
  );
}

/** "Open in Confluent Cloud", in a new tab. */
export function ConsoleLink(props: { url: string }) {
  return (
    <Link to={props.url} target="_blank" rel="noopener">
      <Stack direction="row" spacing={0.5} alignItems="center">
        <span>Open in Confluent Cloud</span>
        <OpenInNewIcon fontSize="inherit" />
      </Stack>
    </Link>
  );
}
