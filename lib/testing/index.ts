export { PlaylyfeEmulator } from './emulator.js';
export { DEMO_CLIENT } from './emulator-auth.js';
export { DEMO_GAME } from './emulator-seed.js';
export type {
  EmulatorActionSeed,
  EmulatorChange,
  EmulatorClientOptions,
  EmulatorFault,
  EmulatorGameSeed,
  EmulatorLeaderboardSeed,
  EmulatorLogEntry,
  EmulatorMetricSeed,
  EmulatorNotification,
  EmulatorOptions,
  EmulatorPlayerSeed,
  EmulatorPlayerState,
  EmulatorRewardSeed,
  EmulatorRouteAccess,
  EmulatorRouteFamily,
  EmulatorStats,
  EmulatorVariableSeed,
} from './emulator.types.js';
