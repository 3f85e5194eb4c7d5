import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorAuth } from './emulator-auth.js';
import {
  clientAuthFail,
  invalidRequest,
  routeNotFound,
  unsupportedGrantType,
} from './emulator-errors.js';
import type { EmulatorFaults } from './emulator-faults.js';
import { isFormEncoded, isObject, readBody } from './emulator-http.js';
import type { EmulatorResponder } from './emulator-respond.js';
import { redactedQuery } from './emulator-stats.js';
import type { EmulatorLogEntry } from './emulator.types.js';

type Draft = Omit<EmulatorLogEntry, 'status' | 'at'>;

const FIELDS = ['client_id', 'client_secret', 'grant_type'] as const;
const NO_STORE = { 'cache-control': 'no-store' } as const;

/** Reads the token request's fields from a JSON or form-encoded body. */
function tokenFields(contentType: string | undefined, text: string): Record<string, unknown> {
  const trimmed = text.trim();
  const asJson =
    contentType?.includes('json') === true ||
    (!isFormEncoded(contentType) && trimmed.startsWith('{'));
  if (!asJson) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed = JSON.parse(trimmed === '' ? '{}' : trimmed) as unknown;
    if (isObject(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw invalidRequest('The request body must be a JSON object or a form-encoded body');
}

/** POST /auth/token: the Client Credentials grant. */
export class EmulatorTokenEndpoint {
  constructor(
    private readonly auth: EmulatorAuth,
    private readonly faults: EmulatorFaults,
    private readonly responder: EmulatorResponder,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    const method = req.method ?? 'GET';
    const query = search === '' ? undefined : new URLSearchParams(search);
    const entry: Draft = {
      kind: 'token',
      method,
      route: '/auth/token',
      query: redactedQuery(query),
    };
    if (method !== 'POST') {
      this.responder.fail(res, entry, routeNotFound());
      return;
    }
    this.responder.stats.tokenRequest();
    try {
      const text = await readBody(req);
      if (this.faults.tokenLatencyMs > 0) await this.responder.delay(this.faults.tokenLatencyMs);
      const fault = this.faults.nextTokenFault();
      if (fault !== undefined) {
        this.responder.fault(req, res, entry, fault);
        return;
      }
      const fields = tokenFields(req.headers['content-type'], text);
      const missing = FIELDS.filter((f) => typeof fields[f] !== 'string' || fields[f] === '');
      if (missing.length > 0) {
        throw invalidRequest(`Missing or invalid field(s): ${missing.join(', ')}`);
      }
      if (fields['grant_type'] !== 'client_credentials') throw unsupportedGrantType();
      const client = this.auth.authenticate(
        fields['client_id'] as string,
        fields['client_secret'] as string,
      );
      if (client === undefined) throw clientAuthFail();
      const { token, record } = this.auth.issue(client);
      this.responder.stats.tokenIssued();
      this.responder.answer(
        res,
        { ...entry, clientId: client.id, tokenSeq: record.seq },
        200,
        { access_token: token, token_type: 'Bearer', expires_in: client.lifetimeSeconds },
        NO_STORE,
      );
    } catch (error) {
      this.responder.fail(res, entry, error);
    }
  }
}
