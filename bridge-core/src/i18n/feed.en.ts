import type { FeedMessageParams } from './feed.messages.js';

type Words = { [K in keyof FeedMessageParams]: (params: FeedMessageParams[K]) => string };

export const feedEn: Words = {
  'feed.not-a-url': () => 'This is not a feed address. It should start with https:// or webcal://.',
  'feed.bad-scheme': () => 'A feed address starts with https:// or webcal:// and carries no user name or password.',
  'feed.host-not-allowed': (p) =>
    `The bridge only reads feeds from the sites its administrator allowed; ${p.host} is not one of them.`,
  'feed.unreachable': (p) => `The feed at ${p.host} could not be reached. Check the address, or try again later.`,
  'feed.timeout': (p) => `The feed at ${p.host} took too long to answer.`,
  'feed.not-found': (p) => `There is no feed at this address on ${p.host} (any more).`,
  'feed.forbidden': (p) =>
    `${p.host} refuses to give this feed without a password; the bridge subscribes to public feeds only.`,
  'feed.too-large': (p) => `The feed at ${p.host} is larger than the ${p.maxMb} MB the bridge accepts.`,
  'feed.malformed': () => 'This address does not give a calendar feed (iCalendar): nothing was subscribed.',
  'feed.too-many-items': (p) =>
    `This feed has more than ${p.max} events and tasks, the most the bridge keeps for one subscription: it was not updated.`,
  'feed.too-large-stored': (p) =>
    `Once split into events, this feed would take more than the ${p.maxMb} MB the bridge keeps for one subscription: it was not updated.`,
  'feed.read-only': (p) => `${p.name} is a read-only feed`,
};
