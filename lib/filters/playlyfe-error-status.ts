import { PlaylyfeAuthError, type PlaylyfeError } from '../playlyfe.errors.js';

/** What the app answers for a PlaylyfeError: an HTTP status and a fixed message. */
export interface PlaylyfeErrorAnswer {
  status: number;
  message: string;
}

const UNAVAILABLE: PlaylyfeErrorAnswer = {
  status: 503,
  message: 'Playlyfe is unavailable; try again later.',
};
const SHUTTING_DOWN: PlaylyfeErrorAnswer = {
  status: 503,
  message: 'The server is shutting down; try again later.',
};
const MISCONFIGURED: PlaylyfeErrorAnswer = {
  status: 500,
  message: "The server's Playlyfe client is misconfigured.",
};

/**
 * The answer for each code the library or Playlyfe gives. Messages are fixed: Playlyfe's own
 * description and data never reach the caller.
 */
export const PLAYLYFE_ERROR_ANSWERS: Readonly<Record<string, PlaylyfeErrorAnswer>> = {
  player_not_found: { status: 404, message: 'No player exists with that id.' },
  validation_exception: { status: 400, message: 'Playlyfe refused the input of the request.' },
  invalid_player: { status: 400, message: 'A player id is required.' },
  invalid_argument: { status: 400, message: 'The input of the request is not valid.' },
  player_exists: { status: 409, message: 'A player with that id already exists.' },
  rate_limit_exceeded: {
    status: 429,
    message: 'The play limit of this action is reached; try again later.',
  },
  plan_limit_exceeded: {
    status: 429,
    message: 'The Playlyfe API quota is spent; try again later.',
  },
  invalid_access_token: { status: 502, message: "Playlyfe refused the server's access token." },
  client_auth_fail: { status: 502, message: "Playlyfe refused the server's client credentials." },
  invalid_token_response: {
    status: 502,
    message: "Playlyfe's token endpoint answered without a usable token.",
  },
  access_denied: {
    status: 502,
    message: "The server's Playlyfe client is not allowed to use this route.",
  },
  route_not_found: {
    status: 502,
    message: 'The server called a Playlyfe route that does not exist.',
  },
  invalid_response: {
    status: 502,
    message: 'Playlyfe answered with a response that cannot be read.',
  },
  response_too_large: {
    status: 502,
    message: 'Playlyfe answered with a response that is too large.',
  },
  http_error: { status: 502, message: 'Playlyfe answered with an unexpected HTTP status.' },
  network_error: { status: 503, message: 'Playlyfe cannot be reached; try again later.' },
  aborted: { status: 503, message: 'The Playlyfe call was cancelled.' },
  timeout: { status: 504, message: 'Playlyfe did not answer in time.' },
  closed: SHUTTING_DOWN,
  queue_closed: SHUTTING_DOWN,
  queue_full: { status: 503, message: 'Too many plays are waiting; try again later.' },
  invalid_options: MISCONFIGURED,
  duplicate_client: MISCONFIGURED,
};

function words(identifier: string): string {
  return identifier.replace(/_/g, ' ');
}

/** The status and fixed message the app answers for `error`. */
export function playlyfeErrorAnswer(error: PlaylyfeError): PlaylyfeErrorAnswer {
  const known = PLAYLYFE_ERROR_ANSWERS[error.code];
  if (known) return known;
  const notFound = /^([a-z]+(?:_[a-z]+)*)_not_found$/.exec(error.code);
  if (notFound?.[1])
    return { status: 404, message: `No ${words(notFound[1])} exists with that id.` };
  const exists = /^([a-z]+(?:_[a-z]+)*)_exists$/.exec(error.code);
  if (exists?.[1]) {
    return { status: 409, message: `A ${words(exists[1])} with that id already exists.` };
  }
  if (error.status === 503) return UNAVAILABLE;
  if (error instanceof PlaylyfeAuthError) {
    return { status: 502, message: "Playlyfe's token endpoint refused the server's request." };
  }
  if (error.status !== undefined && error.status >= 500) {
    return { status: 502, message: 'Playlyfe failed to answer the request.' };
  }
  return { status: 502, message: 'Playlyfe refused the request.' };
}
