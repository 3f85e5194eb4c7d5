import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_DEPTH, redactString, redactValue } from '../../lib/utils/redact.js';

const secretArb = fc.string({ minLength: 8, maxLength: 48, unit: 'grapheme' });

describe('redactString', () => {
  it('removes every occurrence of every secret, wherever it stands', () => {
    fc.assert(
      fc.property(
        secretArb,
        secretArb,
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 6 }),
        (secret, token, pieces) => {
          const text = pieces.join(secret) + token + pieces.join(token);
          const out = redactString(text, [secret, token]);
          expect(out).not.toContain(secret);
          expect(out).not.toContain(token);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('removes token-shaped query values and bearer credentials even when the token is unknown', () => {
    expect(redactString('GET /v2/x?player_id=a&access_token=abc.DEF-123&y=1', [])).toBe(
      'GET /v2/x?player_id=a&access_token=[redacted]&y=1',
    );
    expect(redactString('Authorization: Bearer abc.DEF_123==', [])).toBe(
      'Authorization: Bearer [redacted]',
    );
    expect(redactString('?client_secret=s3cr3t', [])).toBe('?client_secret=[redacted]');
  });

  it('a secret the marker itself can spell empties the whole text', () => {
    expect(redactString('ted][redacted][redac', ['ted][redac'])).toBe('[redacted]');
  });

  it('leaves text without secrets alone', () => {
    expect(redactString('Invalid player_id. No player exists with that id.', ['zzz-secret'])).toBe(
      'Invalid player_id. No player exists with that id.',
    );
  });
});

describe('redactValue', () => {
  it('redacts strings deep in JSON data, keys included, without touching the input', () => {
    fc.assert(
      fc.property(secretArb, fc.json(), (secret, json) => {
        const data = { nested: [{ [secret]: `x${secret}y` }], other: JSON.parse(json) as unknown };
        const before = JSON.stringify(data);
        const out = JSON.stringify(redactValue(data, [secret]));
        expect(out.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
        expect(JSON.stringify(data)).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});

describe('redactValue on hostile data', () => {
  it('a "__proto__" key stays an own key and never becomes the copy\'s prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": "yes"}, "ok": 1}') as unknown;
    const copy = redactValue(data, []) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":"yes"},"ok":1}');
  });

  it('data nested deeper than MAX_DEPTH is cut, never copied unredacted', () => {
    const secret = 'deep-secret-5c1f';
    let data: unknown = `x ${secret}`;
    for (let level = 0; level < 100; level++) data = level % 2 ? [data] : { inner: data };
    const out = JSON.stringify(redactValue(data, [secret]));
    expect(out).not.toContain(secret);
    expect(out).toContain('[truncated]');
    expect(out.split('inner').length - 1).toBeLessThanOrEqual(MAX_DEPTH);
  });
});
