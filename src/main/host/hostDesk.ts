// What the loopback host loads while its server already listens (hostMain.ts): the contract and
// its schemas (zod), the last session's desk snapshot, and the early answers drawn from it.
// One dynamic import of this module keeps all of them off the path to the window's URL.
export { readDeskSnapshot } from '../core/store/deskSnapshot';
export { createDispatch } from './dispatch';
export { earlyHandlers } from './earlyHandlers';
export { EventHub } from './events';
