/** How long a recording URL lasts unless asked otherwise, and at most. */
export const DEFAULT_URL_SECONDS = 5 * 60;
export const MAX_URL_SECONDS = 60 * 60;
