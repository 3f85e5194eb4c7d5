// A Jest environment that lets a spec see unhandled rejections. A listener a spec adds itself
// goes on Jest's sandboxed `process`, which never emits them; this one goes on the real process.
import { TestEnvironment } from 'jest-environment-node';

export default class UnhandledRejectionsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const seen = [];
    const listener = (reason) => {
      seen.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    };
    // Called from the spec (from beforeAll), after jest-circus has installed its own handlers.
    this.global.unhandledRejections = {
      watch: () => process.on('unhandledRejection', listener),
      stop: () => {
        process.off('unhandledRejection', listener);
        return [...seen];
      },
    };
  }
}
