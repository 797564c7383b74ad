import type { ScaleOutMessageParams } from './scale-out.messages.js';

type Words = { [K in keyof ScaleOutMessageParams]: (params: ScaleOutMessageParams[K]) => string };

export const scaleOutEn: Words = {
  'scale-out.shutting-down': () =>
    'This bridge server is restarting and starts no new sync now. Try again in a moment: another server will answer.',
};
