// The `require` entry of the package: checks that the peers a CommonJS app loads are CommonJS
// before loading the CommonJS build.
import peers = require('./check-peer.cjs');

peers.checkPeer('@nestjs/axios', false);
// Not loaded by this package, but installed beside it: the app's own require() would fail next.
peers.checkPeer('@nestjs/config', true);

import playlyfe = require('../index.js');
export = playlyfe;
