import type { ScaleOutMessageParams } from './scale-out.messages.js';

type Words = { [K in keyof ScaleOutMessageParams]: (params: ScaleOutMessageParams[K]) => string };

export const scaleOutFr: Words = {
  'scale-out.shutting-down': () =>
    'Ce serveur de la passerelle redémarre et ne lance plus de synchronisation. Réessayez dans un instant : un autre serveur répondra.',
};
