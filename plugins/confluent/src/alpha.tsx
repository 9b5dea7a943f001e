import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** Placeholder until the plugin lands. @alpha */
export default createFrontendPlugin({ pluginId: 'confluent', extensions: [] });
