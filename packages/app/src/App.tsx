import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The portal. Plugins are discovered from this package's dependencies
 * (`app.packages: all` in app-config.yaml); the modules here only add what
 * the app itself owns: navigation and the guest sign-in page.
 */
export default createApp({
  features: [navModule, signInModule],
});
