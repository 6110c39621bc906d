/**
 * The two ways an upload's audio is refused. Neither message ever quotes the file's bytes, only what kind of
 * file was found, so a refusal cannot leak a caller's words.
 */

/** Audio Verity cannot process (another container or codec, float or 24/32-bit samples): the REST layer answers 415. */
export class UnsupportedAudioError extends Error {
  readonly httpStatus = 415;
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedAudioError";
  }
}

/** A file that claims to be WAV but whose structure is broken (truncated, inconsistent sizes): the REST layer answers 400. */
export class InvalidAudioError extends Error {
  readonly httpStatus = 400;
  constructor(message: string) {
    super(message);
    this.name = "InvalidAudioError";
  }
}
