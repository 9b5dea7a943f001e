/** Placeholder until the package lands. */
export interface Config {}
