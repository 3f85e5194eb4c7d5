/** Options of `nest add nestjs-playlyfe` (schema.json). */
export interface NestAddOptions {
  module?: string;
  terminus?: boolean;
  skipInstall?: boolean;
}
