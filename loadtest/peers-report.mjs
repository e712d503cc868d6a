// Summarises rounds of loadtest/compare-peers.sh: for each measure and server the median
// over the rounds with the range, then the chapter's ratios to Socket.IO and to plain
// Spring STOMP, taken within each round (the servers of one round ran minutes apart on
// the same machine) and then their median, with the course's targets and a verdict.
// docs/performance.md shows this output as it is.
// Usage: node loadtest/peers-report.mjs loadtest/results/06-production-*-round*.json
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node loadtest/peers-report.mjs ROUND.json...');
  process.exit(2);
}
const rounds = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
const servers = ['ws', 'sio', 'stomp', 'target'];
const names = { ws: 'raw `ws`', sio: 'Socket.IO', stomp: 'plain Spring STOMP', target: rounds[0].run.targetName };

const measures = [
  ['(a) 200 × 200 msg/s: p50 latency, ms', (s) => s.scenarios.a?.latencyMs.p50],
  ['(a) p99 latency, ms', (s) => s.scenarios.a?.latencyMs.p99],
  ['(a) server CPU per delivery, µs', (s) => s.scenarios.a?.cpu.serverUsPerDelivery],
  ['(b) 1000 × 50 msg/s: p50 latency, ms', (s) => s.scenarios.b?.latencyMs.p50],
  ['(b) p99 latency, ms', (s) => s.scenarios.b?.latencyMs.p99],
  ['(c) burst: delivered msg/s', (s) => s.scenarios.c?.deliveredPerSec],
  ['(d) 2,000 idle: resident KiB per connection', (s) => s.scenarios.d?.serverRss.kibPerConnection],
  ['start-up to port open, ms', (s) => Math.min(...s.starts.map((start) => start.startupMs))],
  ['deliveries lost, all scenarios', (s) => lost(s)],
];

function lost(server) {
  return ['a', 'b', 'c'].reduce((sum, label) => sum + (server.scenarios[label]?.deliveries.lost ?? 0), 0);
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function format(value) {
  if (Number.isInteger(value) || value >= 1000) return Math.round(value).toLocaleString('en');
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function summary(values) {
  if (values.length === 0) return '–';
  if (values.length === 1) return format(values[0]);
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

function valuesOf(server, measure) {
  return rounds.map((round) => round.servers[server] && measure(round.servers[server]))
    .filter((value) => value !== undefined && value !== null && !Number.isNaN(value));
}

const present = servers.filter((server) => rounds.some((round) => round.servers[server]));
console.log(`${rounds.length} rounds: ${files.map((file) => basename(file)).join(', ')}; median (range)\n`);
console.log(`| measure | ${present.map((server) => names[server]).join(' | ')} |`);
console.log(`|---|${present.map(() => '---:').join('|')}|`);
for (const [label, measure] of measures) {
  console.log(`| ${label} | ${present.map((server) => summary(valuesOf(server, measure))).join(' | ')} |`);
}

// Ratios within each round, then their median: [label, peer, measure, limit, higher is better]
const targets = [
  ['(a) p99 at most 1.5× Socket.IO’s', 'sio', measures[1][1], 1.5, false],
  ['(b) p99 at most 1.5× Socket.IO’s', 'sio', measures[4][1], 1.5, false],
  ['(c) burst at least Socket.IO’s', 'sio', measures[5][1], 1.0, true],
  ['(c) burst at least 1.3× plain Spring STOMP’s', 'stomp', measures[5][1], 1.3, true],
];
console.log(`\n| target | ${names.target} ÷ peer, each round | median | verdict |`);
console.log('|---|---|---:|---|');
for (const [label, peer, measure, limit, higherIsBetter] of targets) {
  const ratios = rounds.filter((round) => round.servers[peer] && round.servers.target)
    .map((round) => measure(round.servers.target) / measure(round.servers[peer]));
  if (ratios.length === 0) continue;
  const middle = median(ratios);
  const holds = higherIsBetter ? middle >= limit : middle <= limit;
  console.log(`| ${label} | ${ratios.map((ratio) => ratio.toFixed(2) + '×').join(', ')} | ${middle.toFixed(2)}× | ${holds ? 'holds' : '**does not hold**'} |`);
}
const totalLost = rounds.reduce((sum, round) => sum + present.reduce((s, server) => s + (round.servers[server] ? lost(round.servers[server]) : 0), 0), 0);
console.log(`| zero loss | ${totalLost} deliveries lost over all servers and rounds | | ${totalLost === 0 ? 'holds' : '**does not hold**'} |`);
