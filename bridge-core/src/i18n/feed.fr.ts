import type { FeedMessageParams } from './feed.messages.js';

type Words = { [K in keyof FeedMessageParams]: (params: FeedMessageParams[K]) => string };

export const feedFr: Words = {
  'feed.not-a-url': () => "Ce n'est pas une adresse de flux. Elle doit commencer par https:// ou webcal://.",
  'feed.bad-scheme': () =>
    "Une adresse de flux commence par https:// ou webcal:// et ne contient ni nom d'utilisateur ni mot de passe.",
  'feed.host-not-allowed': (p) =>
    `La passerelle ne lit que les flux des sites autorisés par son administrateur ; ${p.host} n'en fait pas partie.`,
  'feed.unreachable': (p) => `Le flux sur ${p.host} est injoignable. Vérifiez l'adresse ou réessayez plus tard.`,
  'feed.timeout': (p) => `Le flux sur ${p.host} a mis trop de temps à répondre.`,
  'feed.not-found': (p) => `Il n'y a pas (ou plus) de flux à cette adresse sur ${p.host}.`,
  'feed.forbidden': (p) =>
    `${p.host} refuse de donner ce flux sans mot de passe ; la passerelle ne s'abonne qu'aux flux publics.`,
  'feed.too-large': (p) => `Le flux sur ${p.host} dépasse les ${p.maxMb} Mo que la passerelle accepte.`,
  'feed.malformed': () => "Cette adresse ne donne pas un flux d'agenda (iCalendar) : aucun abonnement n'a été créé.",
  'feed.too-many-items': (p) =>
    `Ce flux contient plus de ${p.max} événements et tâches, le maximum que la passerelle garde pour un abonnement : il n'a pas été mis à jour.`,
  'feed.too-large-stored': (p) =>
    `Une fois découpé en événements, ce flux occuperait plus que les ${p.maxMb} Mo que la passerelle garde pour un abonnement : il n'a pas été mis à jour.`,
  'feed.read-only': (p) => `${p.name} est un flux en lecture seule`,
};
