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
import { Progress } from '@backstage/core-components';
import {
  EntityInfoCard,
  MissingAnnotationEmptyState,
} from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import { ConfluentRefreshHints } from '@shiftleft/plugin-confluent-common';
import Alert from '@mui/material/Alert';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useConfluentT } from '../translation';
import { errorMessage, LiveHint, LiveMode, UpdatedAgo } from './live';

/*
 * The layout pieces the entity cards share. The frame is Backstage's own
 * `EntityInfoCard` (a `@backstage/ui` Card with its CardHeader and
 * CardBody), the one the catalog's About, Links and Labels cards use, so
 * these cards look like their neighbours on the entity page.
 */

export { useConfluentT };

/** The frame of every Confluent entity card. */
export function ConfluentCard(props: {
  title: string;
  /** A line under the title (e.g. a version). */
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <EntityInfoCard
      title={
        props.subtitle ? (
          <Flex direction="column" gap="0.5">
            <span>{props.title}</span>
            <Text variant="body-small" color="secondary" weight="regular">
              {props.subtitle}
            </Text>
          </Flex>
        ) : (
          props.title
        )
      }
    >
      {props.children}
    </EntityInfoCard>
  );
}

/** A card on an entity without the annotation it reads. */
export function MissingAnnotationCard(props: {
  title: string;
  annotation: string;
}) {
  return (
    <ConfluentCard title={props.title}>
      <MissingAnnotationEmptyState annotation={props.annotation} />
    </ConfluentCard>
  );
}

/** A card while its first response loads. */
export function LoadingCard(props: { title: string }) {
  return (
    <ConfluentCard title={props.title}>
      <Progress />
    </ConfluentCard>
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
  const t = useConfluentT();
  return (
    <ConfluentCard title={title}>
      <Stack spacing={2} divider={<Divider flexItem />}>
        {error && (
          <Alert severity="warning">
            {t('common.couldNotRefresh', { message: errorMessage(error) })}
          </Alert>
        )}
        {children}
      </Stack>
    </ConfluentCard>
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
    <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
      <Text variant="title-x-small" style={{ fontFamily: 'monospace' }}>
        {name}
      </Text>
      {children}
      <span style={{ flexGrow: 1 }} />
      <UpdatedAgo at={fetchedAt} />
      <LiveHint mode={mode} hints={hints} />
    </Flex>
  );
}

/** "Open in Confluent Cloud", in a new tab. */
export function ConsoleLink(props: { url: string }) {
  const t = useConfluentT();
  return (
    <Link href={props.url} target="_blank" rel="noopener">
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        <span>{t('common.openInConfluentCloud')}</span>
        <OpenInNewIcon fontSize="inherit" />
      </span>
    </Link>
  );
}
