import { Inject } from '@nestjs/common';
import {
  getPlaylyfeServiceToken,
  getPlaylyfeTokenServiceToken,
} from './playlyfe.injection-tokens.js';

/** Injects the `PlaylyfeService` of the client registered under `name` (the default client without one). */
export const InjectPlaylyfe = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getPlaylyfeServiceToken(name));

/** Injects the `PlaylyfeTokenService` of the client registered under `name` (the default client without one). */
export const InjectPlaylyfeTokenService = (name?: string): PropertyDecorator & ParameterDecorator =>
  Inject(getPlaylyfeTokenServiceToken(name));

/** @deprecated Renamed `InjectPlaylyfeTokenService` (it injects the token service); this alias goes in the next major. */
export const InjectPlaylyfeTokens = InjectPlaylyfeTokenService;
