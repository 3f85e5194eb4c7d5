/**
 * Answers recorded from the live Playlyfe v2 API, transcribed from foton/playlyfe-ruby-client
 * test/stubbed_api/v2_expected_responses.rb (that gem's tests compared these stubs' key sets with
 * the live API). Values are kept as recorded; the contract suite compares key sets and value types.
 */
export const RUBY_STUB = 'foton/playlyfe-ruby-client test/stubbed_api/v2_expected_responses.rb';

const P1 = { id: 'player1', alias: 'player1_alias' };
const TEAM_REF = { id: 'team_57349f7b7d0ed66b0193101f', name: 'Team1 for RUby client' };
const TEST_POINTS = { id: 'test_points', name: 'test points', type: 'point' };
const TOOLBOX = { id: 'toolbox', name: 'Toolbox', type: 'set' };
const EXPERIENCE = { id: 'experience', name: 'Experience', type: 'state' };
const COMPOUND = { id: 'compound_metric', name: 'Compound metric', type: 'compound' };

export const gameHash = {
  name: 'Playlyfe Hermes',
  version: 'v1',
  status: 'ok',
  game: {
    id: 'ruby_client_test',
    title: 'Game for Ruby client test',
    description: 'tests',
    timezone: 'Europe/Prague',
    type: 'native',
    template: 'custom',
    listed: false,
    access: 'PRIVATE',
    image: 'default-game',
    created: '2016-04-26T14:23:27.408Z',
  },
};

export const playersHash = {
  data: [{ id: 'player1', alias: 'player1_alias', enabled: true }],
  total: 3,
};

export const team1Hash = {
  id: 'team_57349f7b7d0ed66b0193101f',
  name: 'Team1 for RUby client',
  definition: { id: 'team1', name: 'Team1' },
  access: 'PRIVATE',
  created: '2016-05-12T15:21:31.418Z',
  game_id: 'ruby_client_test',
  owner: P1,
  roles: ['Private', 'Sergeant', 'Captain'],
};

export const teamsHash = { data: [team1Hash], total: 3 };

export const profileHash = {
  alias: 'player1_alias',
  id: 'player1',
  enabled: true,
  created: '2016-05-04T11:39:26.539Z',
  scores: [
    { metric: COMPOUND, value: '23' },
    {
      metric: EXPERIENCE,
      value: { name: 'Guild leader', description: '' },
      meta: {
        high: 'Infinity',
        low: '21',
        base_metric: { id: 'test_points', name: 'test points' },
      },
    },
    {
      metric: TOOLBOX,
      value: [{ name: 'Hammer', description: 'Hammer for nails', count: '1' }],
    },
    { metric: TEST_POINTS, value: '24' },
  ],
  teams: [
    {
      id: 'team_57349f9b3409e252002cd0e3',
      definition: { id: 'team1', name: 'Team1' },
      roles: ['Captain'],
      name: 'Team 2 baased on Team 1 template',
    },
  ],
};

export const membersHash = { data: [P1], total: 3 };

export const leaderboardsArray = [
  {
    cycles: ['alltime'],
    entity_type: 'players',
    id: 'leaderboard1',
    metric: { id: 'test_points', type: 'point', name: 'test points' },
    name: 'Leaderboard Test points Name',
    scope: { type: 'game' },
  },
];

export const playersLeaderboardHash = { data: [{ player: P1, score: '24', rank: 1 }], total: 3 };

export const teamsLeaderboardHash = { data: [{ team: TEAM_REF, score: '24', rank: 1 }], total: 3 };

const reward = {
  metric: { id: 'test_points', type: 'point', name: 'test points' },
  value: '2',
  verb: 'add',
  probability: 1,
};

export const actionsArray = [
  {
    description: 'Just Action numero uno',
    id: 'action1',
    name: 'Action1 Name',
    variables: [],
    rewards: [reward],
    count: 10,
  },
  {
    id: 'get_hammer',
    name: 'get_hammer',
    variables: [],
    rewards: [
      {
        metric: { id: 'toolbox', type: 'set', name: 'Toolbox' },
        value: { Hammer: '1' },
        verb: 'add',
        probability: 1,
      },
    ],
    count: 2,
  },
  {
    description: 'For reverting action "get_hammer_screwdriver_and_plus_point".',
    id: 'loose_hammer_screwdriver_and_plus_point',
    name: 'loose_hammer_screwdriver_and_plus_point',
    variables: [],
    rewards: [
      {
        metric: { id: 'toolbox', type: 'set', name: 'Toolbox' },
        value: { Hammer: '1' },
        verb: 'remove',
        probability: 1,
      },
      {
        metric: { id: 'plus_points', type: 'point', name: 'plus_points' },
        value: '1',
        verb: 'remove',
        probability: 1,
      },
    ],
    count: 57,
  },
  {
    id: 'set_test_points_to_value',
    name: 'set_test_points_to_value',
    variables: [{ default: 0, name: 'tst_p', required: true, type: 'int' }],
    rewards: [{ ...reward, value: "$vars['tst_p'] ", verb: 'set' }],
    count: 6,
  },
];

export const metricsArray = [
  {
    description: 'Just mixed metric with no purpose',
    formula: " $scores['test_points'] -$scores['toolbox']['multitool'] ",
    id: 'compound_metric',
    name: 'Compound metric',
    type: 'compound',
  },
  {
    description: 'How many experiences player have',
    id: 'experience',
    name: 'Experience',
    states: { Apprentice: { description: '' }, 'Guild leader': { description: '' } },
    type: 'state',
  },
  {
    description: 'This metrics measure nothing.',
    id: 'plus_points',
    name: 'plus_points',
    type: 'point',
  },
  { id: 'test_points', name: 'test points', type: 'point' },
  {
    id: 'toolbox',
    items: {
      Hammer: { description: 'Hammer for nails' },
      Multitool: { description: 'Universal do-all-thing tool. Very rare!' },
    },
    name: 'Toolbox',
    type: 'set',
  },
];

/** full_play_action_hammer_screwdriver_and_plus_point_hash: the action event of a play answer. */
export const playActionEvent = {
  event: 'action',
  actor: P1,
  action: {
    id: 'get_hammer_screwdriver_and_plus_point',
    name: 'get_hammer_screwdriver_and_plus_point',
    vars: {},
  },
  count: 1,
  changes: [
    { metric: TOOLBOX, delta: { Hammer: { old: '1', new: '2' } } },
    {
      metric: { id: 'plus_points', name: 'plus_points', type: 'point' },
      delta: { old: '19', new: '20' },
    },
  ],
  timestamp: '2016-05-19T09:59:11.179Z',
  scopes: [],
  id: '55c0d1b0-1da8-11e6-9d43-49dbe52b2558',
};

export const levelUpEvent = {
  event: 'level',
  actor: P1,
  changes: [{ metric: EXPERIENCE, delta: { old: 'Journeyman', new: 'Master' } }],
  rule: { id: 'leveling_in_experience' },
  timestamp: '2016-05-17T09:52:45.582Z',
  id: '1b17e2e1-1c15-11e6-abea-5b76dd840df5',
};

export const firstLevelEvent = {
  ...levelUpEvent,
  changes: [{ metric: EXPERIENCE, delta: { old: null, new: 'Journeyman' } }],
};

export const achievementEvent = {
  event: 'achievement',
  actor: P1,
  changes: [
    { metric: TOOLBOX, delta: { Multitool: { old: null, new: '1' } } },
    { metric: COMPOUND, delta: { old: '22', new: '21' } },
  ],
  rule: { id: 'get_a_multitool' },
  timestamp: '2016-05-17T09:53:04.387Z',
  id: '264d4d32-1c15-11e6-994a-cdc1f8270ce4',
};

export const teamCreateEvent = {
  event: 'create',
  timestamp: '2016-05-12T15:21:31.418Z',
  team: TEAM_REF,
  actor: P1,
  id: '348ad7a1-1855-11e6-bb4a-c56c5e56f0bf',
};

/** full_player2_activity_feed_array: the player's own events carry no `actor`. */
const strip = <T extends object>(event: T, key: string): Partial<T> =>
  Object.fromEntries(Object.entries(event).filter(([k]) => k !== key)) as Partial<T>;
export const playerFeed = [
  {
    ...strip(playActionEvent, 'actor'),
    changes: [
      { metric: TEST_POINTS, delta: { old: null, new: '4' } },
      { metric: TEST_POINTS, delta: { old: '4', new: '5' } },
    ],
  },
  strip(teamCreateEvent, 'actor'),
  strip(firstLevelEvent, 'actor'),
  strip(levelUpEvent, 'actor'),
  // not in this feed's recording: an achievement event shown as the feed shows level events
  strip(achievementEvent, 'actor'),
  {
    ...strip(playActionEvent, 'actor'),
    changes: [{ metric: TOOLBOX, delta: { Hammer: { old: null, new: '1' } } }],
  },
];

/** game_events_array: team creations, level and achievement events, each with its actor. */
export const gameFeed = [teamCreateEvent, firstLevelEvent, levelUpEvent, achievementEvent];

/** Action events in the game feed: the player feed's (first changes included) with their actor. */
export const gameFeedActions = [playActionEvent, { ...playerFeed[0], actor: P1 }];

/** player_created_hash (hand-written stub: its key set is the fact taken). */
export const playerCreatedKeys = [
  'id',
  'alias',
  'created',
  'scores',
  'teams',
  'enabled',
  'bootstrap',
];

export const rateLimitError = {
  error: 'rate_limit_exceeded',
  error_description:
    "The Action 'only_one_time_per_day_action' can only be triggered 1 times every day",
};

export const playerExistsText = (id: string): string => `A player with ID '${id}' already exists`;
