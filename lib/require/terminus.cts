// The `require` entry of nestjs-playlyfe/terminus: checks @nestjs/terminus (and @nestjs/axios)
// before loading the CommonJS build.
import peers = require('./check-peer.cjs');

peers.checkPeer('@nestjs/axios', false);
peers.checkPeer('@nestjs/terminus', false);

import terminus = require('../terminus/index.js');
export = terminus;
