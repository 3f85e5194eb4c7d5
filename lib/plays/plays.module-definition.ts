import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { PlaylyfePlaysModuleExtras, PlaylyfePlaysOptions } from './plays.interfaces.js';

export const {
  ConfigurableModuleClass: PlaylyfePlaysConfigurableModule,
  MODULE_OPTIONS_TOKEN: PLAYLYFE_PLAYS_OPTIONS,
  OPTIONS_TYPE: PLAYS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PLAYS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<PlaylyfePlaysOptions>({ moduleName: 'PlaylyfePlays' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPlaylyfePlaysOptions')
  .setExtras<PlaylyfePlaysModuleExtras>({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
