/** An aggregate's methods, bound to its implementation, to be spread into a store (typed by its interface). */
export function methodsOf<T extends object>(impl: T): T {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(impl))) {
    const member = (impl as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof member === 'function') out[name] = member.bind(impl);
  }
  return out as T;
}
