import type { Rule } from '@angular-devkit/schematics';
import { NodePackageInstallTask } from '@angular-devkit/schematics/tasks';
import { addE2eSetup } from './e2e-setup.js';
import { addEnvExample } from './env-example.js';
import type { NestAddOptions } from './nest-add.options.js';
import { addPeers, appNestMajor } from './package-json.js';
import { registerInRootModule, rootModulePath } from './root-module.js';

/** `nest add nestjs-playlyfe`: runs in the app after npm installed the package. Idempotent. */
export function nestAdd(options: NestAddOptions = {}): Rule {
  return (tree, context) => {
    const major = appNestMajor(tree);
    const changed = addPeers(tree, major, options.terminus === true);
    registerInRootModule(tree, rootModulePath(tree, options.module));
    addEnvExample(tree);
    const runner = addE2eSetup(tree);
    context.logger.info(
      `nestjs-playlyfe: NestJS ${major} peers, PlaylyfeModule and PlaylyfeExceptionFilter registered` +
        (runner ? `, ${runner} e2e tests on the emulator` : ''),
    );
    if (changed && options.skipInstall !== true) context.addTask(new NodePackageInstallTask());
    return tree;
  };
}
