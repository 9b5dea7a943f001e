import { createApp } from '@backstage/frontend-defaults';
import { catalogGraphModule } from './modules/catalogGraph';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The portal. Plugins are discovered from this package's dependencies
 * (`app.packages: all` in app-config.yaml); the modules here only add what
 * the app itself owns: navigation, the guest sign-in page, and the data-flow
 * relations the catalog graph knows.
 */
export default createApp({
  features: [navModule, signInModule, catalogGraphModule],
});
