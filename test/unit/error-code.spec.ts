import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseErrorBody } from '../../lib/utils/error-body.js';
import {
  KNOWN_ERROR_CODES,
  MAX_RAW_ERROR_CHARS,
  UNKNOWN_ERROR,
  checkErrorCode,
} from '../../lib/utils/error-code.js';

const SECRET = 'zq9hostilesecret';
const TOKEN = 'tok.Hx7-Qm2_rE9';

describe('checkErrorCode: codes are a closed vocabulary', () => {
  it.each([...KNOWN_ERROR_CODES])('the known code %s is kept', (code) => {
    expect(checkErrorCode(code, [SECRET])).toEqual({ code });
  });

  it.each(['new_playlyfe_code', 'x', `a${'b'.repeat(63)}`])(
    'a well-formed identifier (%s) is kept',
    (code) => {
      expect(checkErrorCode(code, [SECRET])).toEqual({ code });
    },
  );

  it.each([
    ['the secret alone', SECRET],
    ['the secret after a code', `invalid_client ${SECRET}`],
    ['the secret glued to a code', `client_auth_fail_${SECRET}`],
    ['the token', TOKEN],
    ['a token-shaped query value', 'x?access_token=abc'],
    ['a bearer header', 'Bearer abcdef'],
    ['upper case', 'Invalid_Token'],
    ['too long', `a${'b'.repeat(64)}`],
    ['empty', ''],
    ['spaces', 'invalid client'],
    ['a newline', 'ok\nforged log line'],
  ])('%s becomes unknown_error, its text redacted and cut', (_, raw) => {
    const checked = checkErrorCode(raw, [SECRET, TOKEN]);
    expect(checked.code).toBe(UNKNOWN_ERROR);
    expect(checked.refused).toBeDefined();
    expect(checked.refused).not.toContain(SECRET);
    expect(checked.refused).not.toContain(TOKEN);
    expect(checked.refused!.length).toBeLessThanOrEqual(MAX_RAW_ERROR_CHARS);
  });

  it('whatever the text, the code is known or a short identifier and holds no secret', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (before, after) => {
        const { code, refused } = checkErrorCode(`${before}${SECRET}${after}`, [SECRET]);
        expect(code).toBe(UNKNOWN_ERROR);
        expect(refused).not.toContain(SECRET);
        expect(refused!.length).toBeLessThanOrEqual(MAX_RAW_ERROR_CHARS);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseErrorBody', () => {
  it('a refused code keeps the raw text (redacted, cut) and the data under `data`', () => {
    const body = JSON.stringify({
      error: `invalid_client ${SECRET} ${'x'.repeat(1000)}`,
      data: { echoed: SECRET },
    });
    const parsed = parseErrorBody(401, body, [SECRET]);
    expect(parsed.code).toBe(UNKNOWN_ERROR);
    expect(parsed.message).toBe(UNKNOWN_ERROR);
    expect(parsed.data).toEqual({
      error: expect.stringMatching(/^invalid_client \[redacted\] x+…$/) as unknown,
      data: { echoed: '[redacted]' },
    });
    expect(JSON.stringify(parsed)).not.toContain(SECRET);
  });

  it('the description is redacted and cut to MAX_MESSAGE_CHARS', () => {
    const body = JSON.stringify({
      error: 'client_auth_fail',
      error_description: `bad ${SECRET} ${'y'.repeat(5000)}`,
    });
    const parsed = parseErrorBody(401, body, [SECRET]);
    expect(parsed.code).toBe('client_auth_fail');
    expect(parsed.message.startsWith('bad [redacted] y')).toBe(true);
    expect(parsed.message.length).toBeLessThanOrEqual(500);
  });

  it.each(['<html>502</html>', '', 'null', '"text"', '{"error": 42}'])(
    'a body that is not Playlyfe JSON (%s) is http_error',
    (text) => {
      expect(parseErrorBody(502, text, [SECRET])).toEqual({
        code: 'http_error',
        message: '502 Bad Gateway without a Playlyfe error body',
        data: undefined,
      });
    },
  );
});
