import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PlaylyfeError } from '../../lib/index.js';
import { buildCallUrl, validateRoute } from '../../lib/utils/call-url.js';

const API = 'https://api.playlyfe.test/v2';
const text = fc.string({ unit: 'grapheme', maxLength: 30 });

describe('buildCallUrl', () => {
  it('round-trips every query key, value and player id exactly', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          text.filter((k) => k !== 'access_token' && k !== 'player_id' && k !== '__proto__'),
          text,
          { maxKeys: 6 },
        ),
        text.filter((id) => id !== ''),
        (query, playerId) => {
          const url = new URL(buildCallUrl(API, '/runtime/player', 'GET', { query, playerId }));
          expect(url.origin + url.pathname).toBe(`${API}/runtime/player`);
          expect(url.searchParams.get('player_id')).toBe(playerId);
          for (const [key, value] of Object.entries(query))
            expect(url.searchParams.get(key)).toBe(value);
          expect([...url.searchParams.keys()].length).toBe(Object.keys(query).length + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips a player id alone (no query), fast path or not', () => {
    fc.assert(
      fc.property(
        fc.oneof(text, fc.stringMatching(/^[\w.*-]{1,20}$/)).filter((id) => id !== ''),
        (playerId) => {
          const url = new URL(buildCallUrl(API, '/runtime/player', 'GET', { playerId }));
          expect(url.searchParams.get('player_id')).toBe(playerId);
          expect([...url.searchParams.keys()]).toEqual(['player_id']);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips encoded path segments', () => {
    fc.assert(
      fc.property(
        text.filter((s) => s !== '' && s !== '.' && s !== '..'),
        (id) => {
          const route = validateRoute(`/admin/players/${encodeURIComponent(id)}`, 'GET');
          const url = new URL(buildCallUrl(API, route, 'GET', undefined));
          expect(decodeURIComponent(url.pathname.split('/').at(-1) ?? '')).toBe(id);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined and null, repeats arrays, stringifies numbers and booleans', () => {
    const url = new URL(
      buildCallUrl(API, '/x', 'GET', {
        query: { a: undefined, b: null, c: [1, 'two'], d: 0, e: false },
      }),
    );
    expect([...url.searchParams.entries()]).toEqual([
      ['c', '1'],
      ['c', 'two'],
      ['d', '0'],
      ['e', 'false'],
    ]);
  });

  it('never mutates the caller objects', () => {
    const query = Object.freeze({ a: '1' });
    const options = Object.freeze({ query, playerId: 'p' });
    buildCallUrl(API, '/x', 'GET', options);
    expect(options).toEqual({ query: { a: '1' }, playerId: 'p' });
  });
});

describe('validateRoute', () => {
  it.each([
    'runtime/player',
    '//evil.example/x',
    '/a/../b',
    '/a/./b',
    '/a?b=1',
    '/a#b',
    '/a b',
    '/a\\b',
    '',
  ])('refuses %j', (route) => {
    expect(() => validateRoute(route, 'GET')).toThrow(PlaylyfeError);
  });

  it('accepts plain routes', () => {
    expect(validateRoute('/runtime/actions/quest%2F1/play', 'POST')).toBe(
      '/runtime/actions/quest%2F1/play',
    );
  });
});
