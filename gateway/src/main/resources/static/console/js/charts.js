// The job view's pictures, drawn here: a progress bar and a subtasks-per-second chart in inline SVG.
import {h, svg} from './dom.js';

/** accepted of total subtasks, as a bar with its percentage; data-percent is for tests and styles. */
export function progressBar(accepted, total, status) {
  const percent = total > 0 ? Math.floor((100 * accepted) / total) : (status === 'COMPLETED' ? 100 : 0);
  const fill = h('div', {class: 'fill'});
  fill.style.width = percent + '%'; // the CSSOM, which the policy allows (a style attribute it would not)
  return h('div', {
    class: 'progress ' + String(status || '').toLowerCase(),
    role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent,
    'data-percent': percent, id: 'job-progress',
  }, fill, h('span', {class: 'label'}, `${accepted} / ${total} subtasks · ${percent}%`));
}

/**
 * Subtasks accepted per second over the job's run, from samples [{t: ms, accepted}] taken as progress events came.
 * Each point is the rate over the last second's window, so bursts of events do not draw spikes.
 */
export function rateChart(samples, {width = 560, height = 160} = {}) {
  const pad = {left: 40, right: 12, top: 12, bottom: 24};
  const chart = svg('svg', {
    class: 'chart', id: 'rate-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'subtasks accepted per second',
  });
  const points = rates(samples);
  const t0 = samples.length ? samples[0].t : 0;
  const span = Math.max(1000, samples.length ? samples[samples.length - 1].t - t0 : 0);
  const top = Math.max(1, ...points.map((p) => p.rate));
  const x = (t) => pad.left + ((t - t0) / span) * (width - pad.left - pad.right);
  const y = (r) => height - pad.bottom - (r / top) * (height - pad.top - pad.bottom);

  chart.append(
    svg('line', {class: 'axis', x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0)}),
    svg('line', {class: 'axis', x1: pad.left, y1: pad.top, x2: pad.left, y2: y(0)}),
    svg('text', {class: 'tick', x: pad.left - 6, y: y(top) + 4, 'text-anchor': 'end'}, round(top)),
    svg('text', {class: 'tick', x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end'}, '0'),
    svg('text', {class: 'tick', x: width - pad.right, y: height - 6, 'text-anchor': 'end'},
      (span / 1000).toFixed(1) + ' s'),
    svg('text', {class: 'tick', x: pad.left, y: height - 6}, 'subtasks / s'));
  if (points.length === 0) {
    chart.append(svg('text', {class: 'tick', x: width / 2, y: height / 2, 'text-anchor': 'middle'},
      'waiting for progress…'));
    return chart;
  }
  const line = [{t: t0, rate: 0}, ...points].map((p) => `${x(p.t).toFixed(1)},${y(p.rate).toFixed(1)}`);
  chart.append(
    svg('polygon', {class: 'area', points: [`${x(t0)},${y(0)}`, ...line, `${x(points[points.length - 1].t)},${y(0)}`].join(' ')}),
    svg('polyline', {class: 'line', points: line.join(' ')}));
  return chart;
}

function rates(samples) {
  const window = 1000;
  return samples.slice(1).map((s) => {
    const earlier = [...samples].reverse().find((e) => e.t <= s.t - window) || samples[0];
    const seconds = Math.max(0.25, (s.t - earlier.t) / 1000);
    return {t: s.t, rate: (s.accepted - earlier.accepted) / seconds};
  });
}

function round(n) {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1);
}
