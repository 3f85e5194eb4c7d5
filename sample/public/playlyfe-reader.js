// Reads Playlyfe's runtime API from the browser as one player, with a front-end JWT the backend
// mints (`GET /players/:id/token`). The page never holds the client secret or an access token.
import { refreshDelayMs } from './page-logic.js';

/** An error answer of Playlyfe (`{error, error_description}`) or of the backend. */
export class ReadError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function errorOf(response) {
  const body = await response.json().catch(() => ({}));
  return new ReadError(
    response.status,
    body.error ?? '',
    body.error_description ?? body.message ?? '',
  );
}

export class PlaylyfeReader {
  #apiUrl;
  #playerId;
  #onToken;
  /** `{value, scopes, expiresInSeconds, staleAt}`: the current token. */
  #token;
  /** The token request in flight, shared by every caller. */
  #refreshing;
  #timer;

  /** `apiUrl`: `{host}/v2`; `onToken(token)` is told of each new token (for the page's footer). */
  constructor({ apiUrl, playerId, onToken = () => {} }) {
    this.#apiUrl = apiUrl;
    this.#playerId = playerId;
    this.#onToken = onToken;
  }

  /** GET `route` (`/runtime/player`) as the player; one retry with a new token on an expired one. */
  async get(route, query = {}) {
    const token = await this.#currentToken();
    let response = await this.#send(route, query, token);
    if (response.status === 401) {
      const error = await errorOf(response.clone());
      if (error.code !== 'invalid_access_token') throw error;
      this.#drop(token);
      response = await this.#send(route, query, await this.#currentToken());
    }
    if (!response.ok) throw await errorOf(response);
    return response.json();
  }

  /** Stops the refresh timer. */
  close() {
    clearTimeout(this.#timer);
  }

  #send(route, query, token) {
    const url = new URL(`${this.#apiUrl}${route}`);
    url.searchParams.set('player_id', this.#playerId);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    url.searchParams.set('jwt', token);
    return fetch(url, { credentials: 'omit', cache: 'no-store' });
  }

  async #currentToken() {
    const token = this.#token;
    if (token !== undefined && Date.now() < token.staleAt) return token.value;
    return (await this.#refresh()).value;
  }

  /** Forgets `value` if it is still the current token (a late 401 never drops a newer one). */
  #drop(value) {
    if (this.#token?.value === value) this.#token = undefined;
  }

  #refresh() {
    this.#refreshing ??= this.#fetchToken().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #fetchToken() {
    const sentAt = Date.now();
    const response = await fetch(`/players/${encodeURIComponent(this.#playerId)}/token`, {
      cache: 'no-store',
    });
    if (!response.ok) throw await errorOf(response);
    const body = await response.json();
    const delay = refreshDelayMs(body.expiresInSeconds);
    this.#token = {
      value: body.token,
      scopes: body.scopes,
      expiresInSeconds: body.expiresInSeconds,
      staleAt: sentAt + delay,
    };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#refresh().catch(() => {}); // the next read tries again
    }, delay);
    this.#onToken(this.#token);
    return this.#token;
  }
}
