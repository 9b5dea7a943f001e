import { createPlugin } from '@backstage/core-plugin-api';

/** Placeholder until the plugin lands. @public */
export const confluentPlugin = createPlugin({ id: 'confluent' });
