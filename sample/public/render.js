// Draws the player page from Playlyfe's answers. Text goes in through textContent only: aliases and
// names are other people's input.
import { badgesOf, describeEvent, levelProgress, pointsOf } from './page-logic.js';

const SVG = 'http://www.w3.org/2000/svg';
const ICONS = {
  medal:
    'M7 2h10l-3 6h-4zM12 9a6 6 0 1 1 0 12a6 6 0 0 1 0-12zm0 3l1.2 2.4 2.6.4-1.9 1.8.5 2.6-2.4-1.3-2.4 1.3.5-2.6-1.9-1.8 2.6-.4z',
  lock: 'M7 10V8a5 5 0 0 1 10 0v2h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1zm2 0h6V8a3 3 0 0 0-6 0z',
  bolt: 'M13 2L4 14h6l-1 8 9-12h-6z',
  up: 'M12 3l8 9h-5v9H9v-9H4z',
  star: 'M12 2l3 6.5 7 .8-5.2 4.8 1.5 7L12 17.6 5.7 21.1l1.5-7L2 9.3l7-.8z',
};

/** An inline SVG icon (decorative: hidden from assistive technologies). */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

/** `el('p', {class: 'x'}, 'text', child)`. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== false) node.setAttribute(key, String(value));
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

const number = new Intl.NumberFormat('en');

/** The header card: alias, id, level and the progress bar to the next level. */
export function renderPlayer(profile, ui) {
  ui.name.textContent = profile.alias || profile.id;
  ui.avatar.textContent = (profile.alias || profile.id).trim().charAt(0).toUpperCase();
  ui.playerId.textContent = profile.id;
  const level = levelProgress(profile);
  if (level === undefined) {
    ui.level.textContent = 'No level yet';
    ui.progress.value = 0;
    ui.levelCaption.textContent = '';
    return;
  }
  ui.levelMetric.textContent = level.metric;
  ui.level.textContent = level.name;
  ui.levelDescription.textContent = level.description;
  ui.progress.value = level.percent;
  const base = level.baseName || 'points';
  ui.levelCaption.textContent = level.top
    ? `${number.format(level.value)} ${base}: the top level`
    : `${number.format(level.value)} / ${number.format(level.high)} ${base} · ` +
      `${number.format(level.toNext)} to the next level`;
}

/** Point and compound scores as a list of stats. */
export function renderPoints(profile, list) {
  list.replaceChildren(
    ...pointsOf(profile).map((point) =>
      el(
        'div',
        { class: 'stat', 'data-metric': point.id },
        el('dt', {}, point.name),
        el('dd', {}, number.format(point.value)),
      ),
    ),
  );
}

/** Badges earned (with their count) and not yet earned. */
export function renderBadges(profile, ui) {
  const { earned, notYet, total } = badgesOf(profile);
  ui.count.textContent = `${earned.length} of ${total} earned`;
  const badge = (item, isEarned) =>
    el(
      'li',
      { class: isEarned ? 'badge earned' : 'badge', 'data-badge': item.name },
      el('span', { class: 'medal' }, icon(isEarned ? 'medal' : 'lock')),
      el(
        'span',
        { class: 'badge-text' },
        el('strong', {}, item.name),
        el('span', { class: 'badge-state' }, isEarned ? `Earned ×${item.count}` : 'Not yet earned'),
        el('span', { class: 'badge-description' }, item.description),
      ),
    );
  ui.list.replaceChildren(
    ...earned.map((item) => badge(item, true)),
    ...notYet.map((item) => badge(item, false)),
  );
}

/** The relative leaderboard around the player, the player's row marked. */
export function renderLeaderboard(board, page, playerId, ui) {
  ui.title.textContent = board.name;
  ui.metric.textContent = board.metric.name;
  ui.rows.replaceChildren(
    ...page.data.map((entry) => {
      const me = entry.player.id === playerId;
      return el(
        'tr',
        { class: me ? 'me' : undefined, 'aria-current': me ? 'true' : undefined },
        el('td', { class: 'rank' }, `#${entry.rank}`),
        el(
          'th',
          { scope: 'row' },
          entry.player.alias || entry.player.id,
          me ? ' ' : undefined,
          me ? el('span', { class: 'you' }, 'you') : undefined,
        ),
        el('td', { class: 'score' }, number.format(Number(entry.score))),
      );
    }),
  );
  ui.total.textContent = `${page.total} players`;
}

/** One activity entry, newest first; the list keeps `limit` entries. */
export function addActivity(event, list, limit = 12) {
  const { kind, title, detail } = describeEvent(event);
  const when = new Date(event.timestamp ?? Date.now());
  const item = el(
    'li',
    { class: `activity-item kind-${kind}` },
    el('span', { class: 'activity-icon' }, icon({ level: 'up', badge: 'medal' }[kind] ?? 'bolt')),
    el(
      'span',
      { class: 'activity-text' },
      el('strong', {}, title),
      detail === '' ? undefined : el('span', {}, detail),
    ),
    el(
      'time',
      { datetime: when.toISOString() },
      when.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' }),
    ),
  );
  list.prepend(item);
  while (list.children.length > limit) list.lastElementChild.remove();
}

/** The buttons that play actions; `onPlay(action, button)` runs on a click. */
export function renderActions(actions, container, onPlay) {
  container.replaceChildren(
    ...actions.map((action) => {
      const button = el(
        'button',
        { type: 'button', class: 'play', 'data-action': action.id },
        el('span', { class: 'play-label' }, action.label),
        el('span', { class: 'play-hint' }, action.hint),
      );
      button.addEventListener('click', () => onPlay(action, button));
      return button;
    }),
  );
}

/** The level-ups and badges of the last play, announced by the live region. */
export function renderCelebrations(items, region) {
  region.replaceChildren(
    ...items.map((item) =>
      el(
        'p',
        { class: `toast toast-${item.kind}` },
        icon(item.kind === 'level' ? 'up' : 'star'),
        item.text,
      ),
    ),
  );
}
