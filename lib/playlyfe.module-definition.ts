import { ConfigurableModuleBuilder } from '@nestjs/common';
import type {
  PlaylyfeModuleExtras,
  PlaylyfeModuleOptions,
} from './interfaces/playlyfe-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: PLAYLYFE_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PlaylyfeModuleOptions>({ moduleName: 'Playlyfe' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPlaylyfeOptions')
  .setExtras<PlaylyfeModuleExtras>({ isGlobal: false, name: undefined }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
