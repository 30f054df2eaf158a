import type { Strategy } from './strategy.js';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export const defaultSocket: Strategy = () => ({ kind: 'unix', socketPath: DEFAULT_SOCKET, source: 'default socket' });
