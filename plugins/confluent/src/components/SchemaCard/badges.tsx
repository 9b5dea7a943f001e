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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ConfluentSchemaField,
  isPiiMasked,
  PiiStatus,
} from '@shiftleft/plugin-confluent-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import LockIcon from '@mui/icons-material/Lock';
import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import { useConfluentT } from '../cards';

/* The badges of the schema card's "Personal data" column. */

const STATUS_TEXT = {
  masked: 'schemaCard.masked',
  'derived-from-masked': 'schemaCard.masked',
  pii: 'schemaCard.pii',
  'derived-from-pii': 'schemaCard.pii',
} as const satisfies Record<PiiStatus, string>;

const STATUS_HELP = {
  masked: 'schemaCard.helpMasked',
  'derived-from-masked': 'schemaCard.helpDerivedFromMasked',
  pii: 'schemaCard.helpPii',
  'derived-from-pii': 'schemaCard.helpDerivedFromPii',
} as const satisfies Record<PiiStatus, string>;

/** The provenance chain, step by step, origin first. */
function Provenance(props: { field: ConfluentSchemaField }) {
  const protection = props.field.protection!;
  const t = useConfluentT();
  return (
    <Box sx={{ p: 0.5, maxWidth: 480 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t(STATUS_HELP[protection.status])}
        {protection.replacement !== undefined &&
          t('schemaCard.replacement', {
            replacement: protection.replacement,
          })}
      </Typography>
      <Box component="ol" sx={{ m: 0, pl: 2.5 }}>
        {protection.chain.map((step, i) => (
          <Typography component="li" variant="body2" key={i}>
            {step.detail}
            {step.via && (
              <>
                {' '}
                (<EntityRefLink entityRef={step.via} />)
              </>
            )}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

/** The Masked / PII badge, explaining its provenance on hover or focus. */
export function ProtectionBadge(props: { field: ConfluentSchemaField }) {
  const { protection } = props.field;
  const t = useConfluentT();
  if (!protection) return null;
  const masked = isPiiMasked(protection.status);
  const label = t(STATUS_TEXT[protection.status]);
  return (
    <Tooltip title={<Provenance field={props.field} />} arrow>
      <Chip
        size="small"
        color={masked ? 'success' : 'error'}
        icon={masked ? <LockIcon /> : <PersonSearchIcon />}
        label={label}
        aria-label={`${label}: ${protection.summary}`}
        tabIndex={0}
        data-testid={`protection-${props.field.path}`}
      />
    </Tooltip>
  );
}

/**
 * The "Suspected PII" badge of a field whose name looks personal but that
 * nothing tags, with the owner's one-click "Tag PII" when it can be tagged.
 */
export function SuspectedPiiBadge(props: {
  field: ConfluentSchemaField;
  /** Present for owners: tags this field. */
  onTag?: () => void;
  /** This field is being tagged. */
  busy?: boolean;
  /** Another tagging is under way. */
  disabled?: boolean;
}) {
  const { field, onTag, busy, disabled } = props;
  const t = useConfluentT();
  const suspected = field.suspectedPii;
  if (!suspected) return null;
  const help = `${t('schemaCard.suspectedHelp', {
    pattern: suspected.pattern,
  })}${suspected.taggable ? '' : t('schemaCard.suspectedNotTaggable')}`;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Tooltip title={help} arrow>
        <Chip
          size="small"
          color="warning"
          variant="outlined"
          icon={<HelpOutlineIcon />}
          label={t('schemaCard.suspectedPii')}
          aria-label={`${t('schemaCard.suspectedPii')}: ${help}`}
          tabIndex={0}
          data-testid={`suspected-${field.path}`}
        />
      </Tooltip>
      {onTag && suspected.taggable && (
        <Button
          size="small"
          variant="text"
          startIcon={busy ? <CircularProgress size={14} /> : <LocalOfferIcon />}
          disabled={busy || disabled}
          onClick={onTag}
          aria-label={t('schemaCard.tagPiiLabel', { path: field.path })}
        >
          {t('schemaCard.tagPii')}
        </Button>
      )}
    </Stack>
  );
}
