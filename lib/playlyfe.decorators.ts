import { Inject } from '@nestjs/common';
import { getPlaylyfeServiceToken, getPlaylyfeTokenServiceToken } from './playlyfe.tokens.js';

/** Injects the `PlaylyfeService` of the client registered under `name` (the default client without one). */
export const InjectPlaylyfe = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getPlaylyfeServiceToken(name));

/** Injects the `PlaylyfeTokenService` of the client registered under `name`. */
export const InjectPlaylyfeTokens = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getPlaylyfeTokenServiceToken(name));
