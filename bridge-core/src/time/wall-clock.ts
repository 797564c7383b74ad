/**
 * Wall-clock times in an IANA zone with Intl only (no zone database of our own): used by the Graph mapping (zone
 * conversions, recurrence ends) and the guest agenda (floating times shown as written).
 */
/** A wall-clock time: the fields of "2026-03-02T09:00:00". */
export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time in `zone` at the instant `utcMs`. */
export function wallAt(utcMs: number, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    y: parts['year']!,
    mo: parts['month']!,
    d: parts['day']!,
    h: parts['hour']! % 24,
    mi: parts['minute']!,
    s: parts['second']!,
  };
}

export function wallToMs(w: Wall): number {
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
}

/** The instant at which `zone`'s clocks show `wall` (the earlier one in a repeated hour). */
export function instantOf(wall: Wall, zone: string): number {
  const naive = wallToMs(wall);
  let guess = naive;
  // Two rounds settle the offset, also across a DST change between the naive guess and the answer.
  for (let i = 0; i < 3; i++) {
    const offset = wallToMs(wallAt(guess, zone)) - guess;
    guess = naive - offset;
  }
  return guess;
}
