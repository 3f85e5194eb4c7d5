// Prints the bench results as Markdown tables (pasteable into the README) and a list of goals.

const n0 = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const n1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const n2 = (v) => (Number.isFinite(v) ? v.toFixed(2) : 'n/a');
const pct2 = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : 'n/a');
const pct = (v) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'n/a');
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MB`;

function table(headers, rows) {
  const lines = [headers, headers.map(() => '---'), ...rows].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  return lines.join('\n');
}

const OTEL_CASES = {
  absent: 'no @opentelemetry/api',
  'absent-again': 'no @opentelemetry/api (second process: noise floor)',
  api: '@opentelemetry/api, no SDK',
  sdk: 'SDK registered (spans dropped)',
};

/** The p50 in ms of one line of the plays part. */
const ms = (p, line) => p.lines.find((l) => l.line === line).p50;

const absentCpu = (o) => o.modes.find((m) => m.mode === 'absent').c64.cpuUsPerCall;

export function printReport(r) {
  const out = [];
  const goals = [];
  const goal = (ok, text) => goals.push(`- [${ok ? 'x' : ' '}] ${text}`);
  const m = r.machine;
  out.push(
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, ${m.platform}, Node ${m.node}.`,
    'Emulator in its own process; medians of interleaved rounds.',
    '',
  );

  if (r.h2h) {
    const h = r.h2h;
    const v = h.vsSdk;
    const f = h.vsFloor;
    out.push(
      `### 0. Head to head (GET /v2/runtime/player on a fake Playlyfe in its own process, token held; ${h.rounds} rounds)`,
      '',
      table(
        ['client', 'req/s @1', 'req/s @64', 'client CPU µs/call @1', 'client CPU µs/call @64'],
        h.clients.map((c) => [
          c.name,
          n0(c.c1.rps),
          n0(c.c64.rps),
          n1(c.c1.cpuUsPerCall),
          n1(c.c64.cpuUsPerCall),
        ]),
      ),
      '',
      `nestjs-playlyfe / official SDK: throughput ${n2(v.rps[1])}x @1, ${n2(v.rps[64])}x @64; ` +
        `CPU per call ${n2(v.cpu[1])}x @1, ${n2(v.cpu[64])}x @64. ` +
        `/ undici floor: throughput ${n2(f.rps[1])}x @1, ${n2(f.rps[64])}x @64; ` +
        `CPU per call ${n2(f.cpu[1])}x @1, ${n2(f.cpu[64])}x @64. ` +
        `Official SDK / floor: throughput ${n2(h.sdkVsFloor.rps[64])}x @64.`,
      '',
    );
    goal(v.cpu[64] <= 0.6, `client CPU per call @64 ≤ 0.6x the official SDK: ${n2(v.cpu[64])}x`);
    goal(v.rps[64] >= 1.3, `throughput @64 ≥ 1.3x the official SDK: ${n2(v.rps[64])}x`);
    goal(f.rps[64] >= 0.45, `throughput @64 ≥ 0.45x the undici floor: ${n2(f.rps[64])}x`);
    goal(v.rps[1] >= 1.5, `throughput @1 ≥ 1.5x the official SDK: ${n2(v.rps[1])}x`);
  }

  if (r['per-call']) {
    const p = r['per-call'];
    out.push(
      `### 1. Per-call cost (GET /runtime/player, token held; ${p.rounds} rounds)`,
      '',
      table(
        ['client', 'req/s @1', 'req/s @64', 'client CPU µs/call @64', 'emulator CPU @64'],
        p.clients.map((c) => [
          c.name,
          n0(c.c1.rps),
          n0(c.c64.rps),
          n0(c.c64.cpuUsPerCall),
          pct(c.c64.serverCpuShare),
        ]),
      ),
      '',
      `PlaylyfeService.get / undici: ${n2(p.ratios.vsUndici[1])}x @1, ${n2(p.ratios.vsUndici[64])}x @64; ` +
        `/ axios defaults: ${n2(p.ratios.vsAxiosDefault[1])}x @1, ${n2(p.ratios.vsAxiosDefault[64])}x @64; ` +
        `/ node:http: ${n2(p.ratios.vsNodeHttp[64])}x @64.`,
      '',
    );
    if (p.adapterRatios) {
      const a = p.adapterRatios;
      out.push(
        `Over axios's http adapter instead: ${n2(a.vsUndici[64])}x undici, ${n2(a.vsAxiosDefault[64])}x axios defaults, ` +
          `${n2(a.vsService[64])}x PlaylyfeService.get as built, @64.`,
        '',
      );
    }
    goal(
      p.ratios.vsUndici[64] >= 0.4,
      `throughput @64 ≥ 0.40x undici: ${n2(p.ratios.vsUndici[64])}x`,
    );
    goal(
      p.ratios.vsAxiosDefault[64] >= 2,
      `throughput @64 ≥ 2x axios defaults: ${n2(p.ratios.vsAxiosDefault[64])}x`,
    );
  }

  const tokenRows = [];
  if (r.cold) {
    const c = r.cold;
    tokenRows.push([
      `2. cold-start burst (${c.calls} concurrent first calls, ${c.rounds} rounds)`,
      `token requests: ${c.tokenRequests.max} (max of ${c.tokenRequests.perRound.join(', ')}); ` +
        `all answered in ${n0(c.coldMs)} ms vs ${n0(c.warmMs)} ms with a token held ` +
        `(${n2(c.coldOverWarm)}x); failures: ${c.failures}`,
    ]);
    goal(c.tokenRequests.max === 1, `cold start: 1 token request (got ${c.tokenRequests.max})`);
  }
  if (r.storm) {
    const s = r.storm;
    tokenRows.push([
      `3. revocation storm (${s.calls} calls in flight, ${s.rounds} rounds)`,
      `token requests: ${s.tokenRequests.max} (max of ${s.tokenRequests.perRound.join(', ')}); ` +
        `401s: ${n0(s.unauthorized)} (fewest in a round); extra round trips per call: ${n2(s.extraRoundTripsPerCall)}; ` +
        `failures: ${s.failures}; storm answered in ${n0(s.wallMs)} ms (emulator latency ${s.apiLatencyMs} ms)`,
    ]);
    goal(
      s.unauthorized === s.calls,
      `revocation storm: every call met the revoked token (${s.unauthorized} of ${s.calls})`,
    );
    goal(
      s.tokenRequests.max === 1,
      `revocation storm: 1 token request (got ${s.tokenRequests.max})`,
    );
    goal(
      s.extraRoundTripsPerCall <= 1,
      `revocation storm: ≤1 extra round trip per call (${n2(s.extraRoundTripsPerCall)})`,
    );
    goal(s.failures === 0, `revocation storm: 0 failed calls (${s.failures})`);
  }
  if (r.churn) {
    const c = r.churn;
    tokenRows.push([
      `4. expiry churn (${c.tokenLifetimeSeconds} s tokens, ${n1(c.seconds)} s at concurrency ${c.concurrency})`,
      `401s: ${c.unauthorized}; token requests: ${c.tokenRequests} (${n2(c.tokenRequestsPerLifetime)} per lifetime); ` +
        `calls: ${n0(c.calls)}, failures: ${c.failures}`,
    ]);
    goal(c.unauthorized === 0, `expiry churn: 0 401s (got ${c.unauthorized})`);
    goal(c.failures === 0, `expiry churn: 0 failed calls (${c.failures})`);
  }
  if (r.memory) {
    const x = r.memory;
    const g = x.growth;
    tokenRows.push([
      `5. memory (${n0(x.after.calls)} calls vs ${n0(x.before.calls)}, after forced GC)`,
      `heap ${mb(x.before.heapUsedBytes)} → ${mb(x.after.heapUsedBytes)} (growth ${mb(x.heapGrowthBytes)}); ` +
        `growth in handles ${g.activeHandles}, timers ${g.timers}, sockets ${g.sockets}, ` +
        `caller-signal listeners ${g.abortListeners}; failures: ${x.failures}`,
    ]);
    goal(x.heapGrowthBytes < 5 * 2 ** 20, `memory: heap growth < 5 MB (${mb(x.heapGrowthBytes)})`);
    // Every call passes one long-lived caller signal (memory-child.js): what a call leaves behind on
    // it shows here, per 1k calls.
    const perThousandKB = x.heapGrowthBytes / 1024 / ((x.after.calls - x.before.calls) / 1000);
    goal(
      perThousandKB < 1,
      `memory: heap growth with one long-lived signal < 1 KB per 1k calls (${perThousandKB.toFixed(2)} KB)`,
    );
    goal(
      g.activeHandles <= 0 && g.timers <= 0 && g.sockets <= 0 && g.abortListeners <= 0,
      'memory: no growth in handles, timers, sockets or listeners',
    );
  }
  if (r.emulator) {
    const e = r.emulator;
    tokenRows.push([
      '6. emulator throughput (undici @64)',
      `${n0(e.emulator.rps)} req/s, ${n0(e.emulator.serverCpuUsPerRequest)} µs CPU per request ` +
        `(capacity ≈ ${n0(e.emulator.capacityRps)} req/s on one core, ${pct(e.emulator.serverCpuShare)} busy); ` +
        `trivial node:http server: ${n0(e.trivial.rps)} req/s, ${n0(e.trivial.serverCpuUsPerRequest)} µs per request`,
    ]);
  }
  if (tokenRows.length > 0) {
    out.push(
      '### 2-6. Token endpoint, memory, emulator',
      '',
      table(['part', 'result'], tokenRows),
      '',
    );
  }
  if (r.otel) {
    const o = r.otel;
    out.push(
      `### 7. OpenTelemetry cost (GET /runtime/player, token held; ${o.rounds} rounds, one process per case)`,
      '',
      table(
        ['case', 'req/s @1', 'req/s @64', 'client CPU µs/call @1', 'client CPU µs/call @64'],
        o.modes.map((m) => [
          OTEL_CASES[m.mode],
          n0(m.c1.rps),
          n0(m.c64.rps),
          n1(m.c1.cpuUsPerCall),
          n1(m.c64.cpuUsPerCall),
        ]),
      ),
      '',
      `API installed, no SDK / no API: throughput ${n2(o.apiVsAbsent.rps[1])}x @1, ${n2(o.apiVsAbsent.rps[64])}x @64; ` +
        `CPU per call ${n2(o.apiVsAbsent.cpu[1])}x @1, ${n2(o.apiVsAbsent.cpu[64])}x @64. ` +
        `SDK registered / no API: throughput ${n2(o.sdkVsAbsent.rps[64])}x, CPU per call ${n2(o.sdkVsAbsent.cpu[64])}x @64. ` +
        `Noise floor (two identical processes without the API): throughput ${n2(o.noiseFloor.rps[64])}x, CPU per call ${n2(o.noiseFloor.cpu[64])}x @64.`,
      '',
      `The hooks alone, in one process with the API and no SDK (${o.hooks.rounds} alternating batches of ${n0(o.hooks.iterations)}): ` +
        `${n0(o.hooks.nsPerCallWithApi)} ns per call against ${n0(o.hooks.nsPerCallNoop)} ns for the no-op, ` +
        `so ${n0(o.hooks.overheadNsPerCall)} ns added per call = ${pct2(o.hooks.overheadNsPerCall / 1000 / absentCpu(o))} ` +
        `of the CPU of a call without the API (${n1(absentCpu(o))} µs @64).`,
      '',
    );
    goal(
      o.hooks.overheadNsPerCall / 1000 / absentCpu(o) < 0.01,
      `@opentelemetry/api without an SDK adds < 1% per call: ${n0(o.hooks.overheadNsPerCall)} ns ` +
        `(${pct2(o.hooks.overheadNsPerCall / 1000 / absentCpu(o))}); process-level ratio ` +
        `CPU ${n2(o.apiVsAbsent.cpu[64])}x, throughput ${n2(o.apiVsAbsent.rps[64])}x @64`,
    );
  }
  if (r.plays) {
    const p = r.plays;
    const LABELS = {
      plain: 'the handler alone',
      'plain-again': 'the handler alone, again (noise floor)',
      noop: 'with a no-op interceptor (what any Nest interceptor costs)',
      queued: 'with @PlaylyfePlay (embedded queue)',
      sync: 'awaiting the play on Playlyfe (synchronous)',
    };
    out.push(
      `### 8. The user's request while Playlyfe stalls (every play held ${n0(p.stallMs)} ms; ${n0(p.ratePerSecond)} requests/s taking turns, ${p.rounds} rounds, latencies pooled)`,
      '',
      table(
        ['endpoint', 'requests', 'p50 ms', 'p99 ms'],
        p.lines.map((l) => [LABELS[l.line], n0(l.requests), n2(l.p50), n2(l.p99)]),
      ),
      '',
      `@PlaylyfePlay / alone: p99 ${n2(p.queuedVsPlain.p99)}x, p50 ${n2(p.queuedVsPlain.p50)}x ` +
        `(p50 ${n2(ms(p, 'queued') - ms(p, 'plain'))} ms more). Noise floor (alone, again / alone): ` +
        `p99 ${n2(p.noiseFloor.p99)}x, p50 ${n2(p.noiseFloor.p50)}x. A no-op interceptor / alone: ` +
        `p99 ${n2(p.noopVsPlain.p99)}x, p50 ${n2(p.noopVsPlain.p50)}x (${n2(ms(p, 'noop') - ms(p, 'plain'))} ms more). ` +
        `Synchronous / alone: p50 ${n0(p.syncVsPlain.p50)}x, p99 ${n0(p.syncVsPlain.p99)}x.`,
      '',
      `Plays reaching the emulator during the part: ${n0(p.emulatorPlays)}; the queue held ` +
        `${n0(p.queue.depth)} at the end (oldest ${n1(p.queue.oldestAgeMs / 1000)} s), ` +
        `${n0(p.queue.applied)} applied. Load average (1 min): ${n2(p.load.start)} at the start, ${n2(p.load.end)} at the end.`,
      '',
    );
    goal(
      p.queuedVsPlain.p99 <= 1.2,
      `@PlaylyfePlay: p99 ≤ 1.2x the handler alone while Playlyfe stalls: ${n2(p.queuedVsPlain.p99)}x ` +
        `(p50 ${n2(p.queuedVsPlain.p50)}x, ${n2(ms(p, 'queued') - ms(p, 'plain'))} ms more)`,
    );
  }
  out.push(
    '### Goals',
    '',
    ...goals,
    '',
    `Bench time (without the build): ${n1(r.totalSeconds)} s.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
