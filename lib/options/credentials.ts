/** The client secret, kept where neither `JSON.stringify` nor `util.inspect` can see it. */
export class PlaylyfeCredentials {
  readonly #secret: string;

  constructor(
    readonly clientId: string,
    secret: string,
  ) {
    this.#secret = secret;
  }

  revealSecret(): string {
    return this.#secret;
  }
}
