// The sync benchmark's report: the table, the floor, the targets (informative, never asserted).

const fmtS = (v) => (v === undefined ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const fmtMb = (v) => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(0));
const ratio = (a, b) => (a === undefined || b === undefined || !b ? undefined : a / b);
const fmtRatio = (r) => (r === undefined ? 'n/a' : r < 0.1 ? r.toFixed(3) : r.toFixed(2));

function render(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printTable(results, { runOurs, runVdir }) {
  const get = (kind, phase, tool) => results.rows.find((r) => r.kind === kind && r.phase === phase && r.tool === tool);
  const out = [];
  out.push('');
  out.push(
    `sync-bench: ${results.events} events, ${results.contacts} contacts, Radicale 3.1 through a counting proxy (${results.date})`,
  );
  out.push('');
  const rows = [];
  for (const kind of ['events', 'contacts']) {
    for (const phase of ['initial', 'idle', 'edits']) {
      const o = get(kind, phase, 'dav-bridge');
      const v = get(kind, phase, 'vdirsyncer');
      rows.push([
        kind,
        phase === 'edits' ? `${results.edits ?? 10} edits` : phase === 'idle' ? 'no change' : 'initial',
        fmtS(o?.wallS),
        fmtS(v?.wallS),
        fmtRatio(ratio(o?.wallS, v?.wallS)),
        o?.requests ?? '-',
        v?.requests ?? '-',
        fmtMb(o?.peakMb),
        fmtMb(v?.peakMb),
      ]);
    }
  }
  out.push(
    render(['collection', 'sync', 'ours s', 'vdirsyncer s', 'ratio', 'our req', 'vdir req', 'our MB', 'vdir MB'], rows),
  );
  out.push('');
  out.push('requests (time with a request in flight at the proxy = server + transfer time; the rest is the client):');
  for (const r of results.rows) {
    out.push(
      `  ${r.tool.padEnd(10)} ${r.kind.padEnd(8)} ${r.phase.padEnd(7)} HTTP ${fmtS(r.httpS).padStart(5)} s of ${fmtS(r.wallS).padStart(5)} s, ${r.responseMb.toFixed(1).padStart(5)} MB received: ${r.methods || '-'}`,
    );
  }
  out.push('');
  for (const [kind, f] of Object.entries(results.floor)) {
    out.push(
      `floor ${kind}: one REPORT with all data ${fmtS(f.reportS)} s + writing the files ${fmtS(f.writeS)} s; no-change sync-collection ${fmtS(f.idleS)} s (PROPFIND Depth 1 getetag: ${fmtS(f.etagListS)} s)`,
    );
  }

  // The ratios the issue asks for, each against references measured in this very run (this machine's disk and
  // load vary a lot between runs; a ratio within one run holds much better than a time).
  out.push('');
  out.push('ratios (ours / reference, measured in this run; vs vdirsyncer below 1 = faster):');
  const floorOf = (kind, phase) => {
    const f = results.floor[kind];
    if (!f) return undefined;
    return phase === 'initial' ? f.reportS + f.writeS : f.idleS;
  };
  for (const kind of ['events', 'contacts']) {
    for (const phase of ['initial', 'idle']) {
      const o = get(kind, phase, 'dav-bridge');
      const v = get(kind, phase, 'vdirsyncer');
      const fl = floorOf(kind, phase);
      const what = phase === 'initial' ? 'first sync' : 'no change ';
      const floorText = phase === 'initial' ? 'REPORT + write files' : 'no-change sync-collection';
      out.push(
        `  ${kind.padEnd(8)} ${what}  vs floor ${fmtRatio(ratio(o?.wallS, fl)).padStart(5)}x (${fmtS(o?.wallS)} s / ${fmtS(fl)} s ${floorText})   vs vdirsyncer ${fmtRatio(ratio(o?.wallS, v?.wallS)).padStart(5)} (${fmtS(v?.wallS)} s)`,
      );
    }
  }
  for (const kind of ['events', 'contacts']) {
    for (const phase of ['initial', 'idle', 'edits']) {
      const o = get(kind, phase, 'dav-bridge');
      const b = get(kind, phase, 'baseline');
      if (!o || !b) continue;
      out.push(
        `  ${kind.padEnd(8)} ${phase.padEnd(7)} this build vs baseline build ${fmtRatio(ratio(o.wallS, b.wallS)).padStart(5)} (${fmtS(o.wallS)} s / ${fmtS(b.wallS)} s; peak ${fmtMb(o.peakMb)} / ${fmtMb(b.peakMb)} MB)`,
      );
    }
  }
  const su = results.startup;
  if (su) {
    out.push(
      `  start-up in this run: node alone ${fmtS(su.nodeS)} s, dav-bridge --help ${fmtS(su.helpS)} s (median of ${su.runs})`,
    );
    for (const kind of ['events', 'contacts']) {
      const o = get(kind, 'idle', 'dav-bridge');
      if (!o) continue;
      const rest = o.wallS - o.httpS - su.helpS;
      out.push(
        `  ${kind} no-change sync ${fmtS(o.wallS)} s = HTTP ${fmtS(o.httpS)} s + start-up ${fmtS(su.helpS)} s + the rest ${fmtS(rest)} s (command modules, status read, folder stat, plan)`,
      );
    }
  }

  // targets (events collection for the ratios, as the issue states them)
  const oi = get('events', 'initial', 'dav-bridge');
  const vi = get('events', 'initial', 'vdirsyncer');
  const oidle = get('events', 'idle', 'dav-bridge');
  const vidle = get('events', 'idle', 'vdirsyncer');
  const ours = results.rows.filter((r) => r.tool === 'dav-bridge');
  const peak = ours.length ? Math.max(...ours.map((r) => r.peakMb)) : undefined;
  if (runOurs) {
    out.push('');
    out.push('targets (informative):');
    const t = (ok, text) => out.push(`  [${ok === undefined ? ' ? ' : ok ? ' ok' : 'MISS'}] ${text}`);
    for (const kind of ['events', 'contacts']) {
      const f = results.floor[kind];
      const o = get(kind, 'initial', 'dav-bridge');
      const v = get(kind, 'initial', 'vdirsyncer');
      const r = ratio(o?.wallS, v?.wallS);
      t(r === undefined ? undefined : r <= 0.1, `${kind} initial >= 10x faster than vdirsyncer (ratio ${fmtRatio(r)})`);
      const floor = f ? f.reportS + f.writeS : undefined;
      t(
        o && floor ? o.wallS <= 3 * floor : undefined,
        `${kind} initial within 3x of the floor + writing (${fmtS(o?.wallS)} s vs 3 x ${fmtS(floor)} s)`,
      );
      for (const phase of ['idle', 'edits']) {
        const op = get(kind, phase, 'dav-bridge');
        const vp = get(kind, phase, 'vdirsyncer');
        const rp = ratio(op?.wallS, vp?.wallS);
        t(
          rp === undefined ? undefined : rp <= 1 / 30,
          `${kind} ${phase === 'idle' ? 'no-change' : '10-edit'} sync >= 30x faster than vdirsyncer (ratio ${fmtRatio(rp)})`,
        );
      }
      const idle = get(kind, 'idle', 'dav-bridge');
      t(idle ? idle.requests <= 2 : undefined, `${kind} no-change sync <= 2 requests (${idle?.requests ?? '-'})`);
    }
    const pe = Math.max(...ours.filter((r) => r.kind === 'events').map((r) => r.peakMb));
    t(Number.isFinite(pe) ? pe < 200 : undefined, `peak memory < 200 MB at ${results.events} events (${fmtMb(pe)} MB)`);
  }
  if (!runVdir) out.push('(vdirsyncer skipped: no ratios)');
  out.push('');
  process.stdout.write(out.join('\n') + '\n');
  return {
    initialRatio: fmtRatio(ratio(oi?.wallS, vi?.wallS)),
    idleRatio: fmtRatio(ratio(oidle?.wallS, vidle?.wallS)),
    initialVsFloor: fmtRatio(ratio(oi?.wallS, floorOf('events', 'initial'))),
    idleVsFloor: fmtRatio(ratio(oidle?.wallS, floorOf('events', 'idle'))),
    idleRequests: oidle?.requests ?? 'n/a',
    peakMb: peak === undefined || Number.isNaN(peak) ? 'n/a' : peak.toFixed(0),
  };
}
