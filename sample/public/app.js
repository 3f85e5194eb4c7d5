// The player page: `/?player=<id>` shows that player; `/` offers to create one.
// Reads go to Playlyfe directly with a read-only front-end JWT; plays go through the backend; the
// activity list follows the backend's Server-Sent Events.
import { celebrations, playerIdFrom } from './page-logic.js';
import { PlaylyfeReader, ReadError } from './playlyfe-reader.js';
import {
  addActivity,
  renderActions,
  renderBadges,
  renderCelebrations,
  renderLeaderboard,
  renderPlayer,
  renderPoints,
} from './render.js';

const $ = (id) => document.getElementById(id);
const ACTIVITY_EVENTS = ['action', 'level', 'achievement', 'custom_rule', 'message'];

async function backend(path, init) {
  const response = await fetch(path, {
    ...init,
    headers: init?.body === undefined ? undefined : { 'Content-Type': 'application/json' },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ReadError(response.status, body.error ?? '', body.message ?? '');
  return body;
}

function say(message) {
  const status = $('status');
  status.textContent = message;
  status.hidden = message === '';
}

/** `/`: a form that creates a player named after the visitor, then opens the page for it. */
function showStart() {
  $('start').hidden = false;
  $('alias').focus();
  $('start-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const alias = $('alias').value.trim();
    if (alias === '') return;
    const submit = $('start-submit');
    submit.disabled = true;
    $('start-error').textContent = '';
    try {
      const base = playerIdFrom(alias);
      for (let attempt = 0; ; attempt += 1) {
        const id = attempt === 0 ? base : `${base}-${Math.random().toString(36).slice(2, 6)}`;
        try {
          await backend('/players', { method: 'POST', body: JSON.stringify({ id, alias }) });
          location.assign(`/?player=${encodeURIComponent(id)}`);
          return;
        } catch (error) {
          if (!(error instanceof ReadError) || error.status !== 409 || attempt >= 3) throw error;
        }
      }
    } catch (error) {
      $('start-error').textContent = `Could not create the player: ${error.message}`;
      submit.disabled = false;
    }
  });
}

/** `?player=<id>`: the board, kept up to date. */
async function showBoard(playerId, config) {
  const reader = new PlaylyfeReader({
    apiUrl: config.playlyfeApiUrl,
    playerId,
    onToken: (token) => {
      $('jwt-scopes').textContent = token.scopes.join(', ');
      $('jwt-lifetime').textContent = `${Math.round(token.expiresInSeconds / 60)} min`;
    },
  });
  $('playlyfe-url').textContent = config.playlyfeApiUrl;
  const ui = {
    player: {
      name: $('player-name'),
      avatar: $('avatar'),
      playerId: $('player-id'),
      levelMetric: $('level-metric'),
      level: $('level-name'),
      levelDescription: $('level-description'),
      progress: $('level-progress'),
      levelCaption: $('level-caption'),
    },
    badges: { count: $('badges-count'), list: $('badges') },
    board: {
      title: $('leaderboard-title'),
      metric: $('leaderboard-metric'),
      rows: $('leaderboard-rows'),
      total: $('leaderboard-total'),
    },
  };

  let board;
  const load = async () => {
    board ??= (await reader.get('/runtime/leaderboards')).find((b) => b.entity_type === 'players');
    const [profile, ranking] = await Promise.all([
      reader.get('/runtime/player'),
      board === undefined
        ? undefined
        : reader.get(`/runtime/leaderboards/${encodeURIComponent(board.id)}`, {
            cycle: 'alltime',
            ranking: 'relative',
            radius: 3,
          }),
    ]);
    renderPlayer(profile, ui.player);
    renderPoints(profile, $('points'));
    renderBadges(profile, ui.badges);
    if (ranking !== undefined) renderLeaderboard(board, ranking, playerId, ui.board);
    $('leaderboard-section').hidden = ranking === undefined;
  };

  // One reload at a time; a request during one runs once more after it.
  let loading;
  let again = false;
  const reload = () => {
    if (loading !== undefined) {
      again = true;
      return loading;
    }
    loading = load()
      .catch((error) => say(`Could not read Playlyfe: ${error.message}`))
      .finally(() => {
        loading = undefined;
        if (again) {
          again = false;
          void reload();
        }
      });
    return loading;
  };

  try {
    await load();
  } catch (error) {
    const unknown = error instanceof ReadError && error.code === 'player_not_found';
    say(
      unknown ? `There is no player '${playerId}'.` : `Could not read Playlyfe: ${error.message}`,
    );
    showStart();
    return;
  }
  $('board').hidden = false;
  $('footer').hidden = false;
  document.title = `${$('player-name').textContent} · Quest Board`;

  renderActions(config.actions, $('actions'), async (action, button) => {
    const buttons = [...document.querySelectorAll('button.play')];
    for (const b of buttons) b.disabled = true;
    button.setAttribute('aria-busy', 'true');
    say('');
    try {
      const answer = await backend(
        `/players/${encodeURIComponent(playerId)}/actions/${encodeURIComponent(action.id)}`,
        { method: 'POST', body: JSON.stringify({ variables: action.variables ?? {} }) },
      );
      renderCelebrations(celebrations(answer), $('celebration'));
      await reload();
    } catch (error) {
      say(error.message || 'The play failed');
    } finally {
      for (const b of buttons) b.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });

  const stream = new EventSource(
    `/players/${encodeURIComponent(playerId)}/activity?every=${config.activityEveryMs}`,
  );
  const onEvent = (message) => {
    $('activity-empty').hidden = true;
    addActivity(JSON.parse(message.data), $('activity'));
    void reload(); // a play from elsewhere (another tab, curl) shows up too
  };
  for (const type of ACTIVITY_EVENTS) stream.addEventListener(type, onEvent);
  addEventListener('pagehide', () => {
    stream.close();
    reader.close();
  });
}

const player = new URLSearchParams(location.search).get('player');
if (player === null || player.trim() === '') {
  showStart();
} else {
  const config = await backend('/page/config.json');
  await showBoard(player, config);
}
