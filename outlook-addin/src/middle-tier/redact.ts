/** Guest tokens are bearer secrets: they must not end up in access logs. */
export const redactUrl = (url: string): string => url.replace(/\/g\/[A-Za-z0-9_-]{8,}/, '/g/<token>');
