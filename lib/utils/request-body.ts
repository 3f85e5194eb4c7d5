import { Readable } from 'node:stream';
import { PlaylyfeError } from '../playlyfe.errors.js';

/** The body of a call as JSON text, or a stream as given; anything JSON cannot carry is refused. */
export function serializeBody(
  body: unknown,
  method: string,
  route: string,
): string | Readable | undefined {
  if (body === undefined) return undefined;
  if (body instanceof Readable) return body;
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'not serializable';
    throw new PlaylyfeError(
      `Playlyfe request body for ${method} ${route} cannot be sent as JSON: ${reason}`,
      {
        code: 'invalid_argument',
        method,
        route,
      },
    );
  }
  if (text === undefined) {
    throw new PlaylyfeError(`Playlyfe request body for ${method} ${route} is not JSON data`, {
      code: 'invalid_argument',
      method,
      route,
    });
  }
  return text;
}
