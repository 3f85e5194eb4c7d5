// What the player page computes from Playlyfe's answers: no DOM, no network.

/** The share of a front-end token's lifetime after which the page fetches the next one. */
const REFRESH_SHARE = 0.8;
/** Never fetch tokens more often than this, however short their lifetime. */
const MIN_REFRESH_MS = 1000;

/**
 * When to fetch the next front-end token, in ms after the request for this one was sent. `exp` is
 * whole seconds (`iat` is rounded down), so the token may live up to 1 s less than it says.
 */
export function refreshDelayMs(expiresInSeconds) {
  return Math.max(MIN_REFRESH_MS, (expiresInSeconds - 1) * 1000 * REFRESH_SHARE);
}

/** The profile's first score of a metric kind (`point`, `state`, `set`, `compound`). */
export function scoreOfType(profile, type) {
  return profile.scores.find((score) => score.metric.type === type);
}

/** A number from Playlyfe's string values (`"300"`, `"Infinity"`); 0 for anything else. */
function toNumber(value) {
  const number = Number(value);
  return Number.isNaN(number) ? 0 : number;
}

/**
 * The player's level and the way to the next one, from a state score (`value {name}`, `meta {low,
 * high, base_metric}`) and the base metric's value: `percent` of the way from `low` to `high`.
 */
export function levelProgress(profile) {
  const state = scoreOfType(profile, 'state');
  if (state === undefined || state.value === null || typeof state.value !== 'object') {
    return undefined;
  }
  const meta = state.meta ?? {};
  const baseId = meta.base_metric?.id;
  const base = profile.scores.find((score) => score.metric.id === baseId);
  const value = toNumber(base?.value);
  const low = toNumber(meta.low);
  const high = toNumber(meta.high);
  const top = !Number.isFinite(high);
  const span = high - low;
  const percent = top || span <= 0 ? 100 : Math.min(100, Math.max(0, ((value - low) / span) * 100));
  return {
    metric: state.metric.name,
    name: state.value.name,
    description: state.value.description ?? '',
    baseName: meta.base_metric?.name ?? base?.metric.name ?? '',
    value,
    low,
    high,
    top,
    percent: Math.round(percent),
    toNext: top ? 0 : Math.max(0, high - value),
  };
}

/** The items of the first set metric (badges), earned first, with counts as numbers. */
export function badgesOf(profile) {
  const set = scoreOfType(profile, 'set');
  const items = Array.isArray(set?.value) ? set.value : [];
  const badges = items.map((item) => ({
    name: item.name,
    description: item.description ?? '',
    count: toNumber(item.count),
  }));
  const earned = badges.filter((badge) => badge.count > 0);
  const notYet = badges.filter((badge) => badge.count <= 0);
  return { metric: set?.metric.name ?? 'Badges', earned, notYet, total: badges.length };
}

/** Point and compound scores, as `{id, name, value}`. */
export function pointsOf(profile) {
  return profile.scores
    .filter((score) => score.metric.type === 'point' || score.metric.type === 'compound')
    .map((score) => ({
      id: score.metric.id,
      name: score.metric.name,
      value: toNumber(score.value),
    }));
}

/** `+300 Experience`, `−5 Coins`: the point changes of an event. */
function pointChanges(event) {
  const out = [];
  for (const change of event.changes ?? []) {
    const delta = change.delta ?? {};
    if (change.metric.type !== 'point' || !('new' in delta)) continue;
    const diff = toNumber(delta.new) - toNumber(delta.old);
    if (diff !== 0) out.push(`${diff > 0 ? '+' : '−'}${Math.abs(diff)} ${change.metric.name}`);
  }
  return out;
}

/** The `{old, new}` state names of an event's level change. */
function stateDelta(event) {
  return (event.changes ?? []).find((c) => c.metric.type === 'state')?.delta ?? {};
}

function newState(event) {
  return stateDelta(event).new;
}

/** The set items an event added. */
function newItems(event) {
  const items = [];
  for (const change of event.changes ?? []) {
    if (change.metric.type !== 'set') continue;
    for (const [name, delta] of Object.entries(change.delta ?? {})) {
      if (toNumber(delta?.new) > toNumber(delta?.old)) items.push(name);
    }
  }
  return items;
}

/** A Playlyfe event in words: `{kind, title, detail}` (kind: `action`, `level`, `badge`, `other`). */
export function describeEvent(event) {
  switch (event.event) {
    case 'action':
      return {
        kind: 'action',
        title: event.action?.name ?? event.action?.id ?? 'Action',
        detail: pointChanges(event).join(', ') || 'No change',
      };
    case 'level': {
      const { old, new: level } = stateDelta(event);
      // a player's first level event has `old: null`: a level reached, not a level up
      const title = old === null || old === undefined ? 'Level reached' : 'Level up';
      return { kind: 'level', title: `${title}: ${level ?? 'new level'}`, detail: '' };
    }
    case 'achievement': {
      const items = newItems(event);
      return {
        kind: 'badge',
        title: items.length > 0 ? `Badge earned: ${items.join(', ')}` : 'Achievement',
        detail: pointChanges(event).join(', '),
      };
    }
    default:
      return { kind: 'other', title: String(event.event ?? 'Event'), detail: '' };
  }
}

/** What to celebrate in a play's answer: the level reached and the badges earned. */
export function celebrations(playAnswer) {
  const out = [];
  for (const event of playAnswer?.events?.local ?? []) {
    if (event.event === 'level') {
      const level = newState(event);
      if (level !== undefined) out.push({ kind: 'level', text: `Level up! You are now ${level}.` });
    } else if (event.event === 'achievement') {
      for (const item of newItems(event)) out.push({ kind: 'badge', text: `New badge: ${item}!` });
    }
  }
  return out;
}

/** A player id from a name: `Ada Lovelace` → `ada-lovelace` (ids allow 64 characters). */
export function playerIdFrom(name) {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug === '' ? 'player' : slug;
}
