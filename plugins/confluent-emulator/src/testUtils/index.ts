/**
 * Test helpers: an emulator started the way tests want it.
 *
 * @packageDocumentation
 */
export { startTestEmulator, TEST_TIMINGS } from './startTestEmulator';
