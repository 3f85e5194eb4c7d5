export { PlaylyfeEmulator } from './emulator.js';
export { DEMO_CLIENT, RUNTIME_CLIENT } from './emulator-auth.js';
export { DEMO_GAME } from './emulator-seed.js';
export { EMULATOR_ASSUMPTIONS } from './emulator-assumptions.js';
export {
  startPlaylyfeTestEnvironment,
  type PlaylyfeTestEnv,
  type PlaylyfeTestEnvironment,
  type PlaylyfeTestEnvironmentOptions,
} from './test-environment.js';
export type {
  EmulatorChange,
  EmulatorClientOptions,
  EmulatorFault,
  EmulatorLogEntry,
  EmulatorMetricRef,
  EmulatorNotification,
  EmulatorOptions,
  EmulatorPlayerState,
  EmulatorRandomFault,
  EmulatorRandomFaultMode,
  EmulatorRouteAccess,
  EmulatorRouteFamily,
  EmulatorStats,
} from './emulator.types.js';
export type {
  EmulatorActionSeed,
  EmulatorCompoundMetricSeed,
  EmulatorGameInfoSeed,
  EmulatorGameSeed,
  EmulatorLeaderboardSeed,
  EmulatorMetricSeed,
  EmulatorPlayerSeed,
  EmulatorPlayLimit,
  EmulatorPointMetricSeed,
  EmulatorRewardSeed,
  EmulatorRuleSeed,
  EmulatorSetMetricSeed,
  EmulatorStateMetricSeed,
  EmulatorTeamDefinitionSeed,
  EmulatorTeamSeed,
  EmulatorVariableSeed,
} from './emulator-seed.types.js';
