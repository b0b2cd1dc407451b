// Ballast report: draws the charts from the embedded data with ECharts, and marks on <body>
// how many charts rendered with data (data-charts-rendered) and any script errors (data-errors).
(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.dataset.errors = String(errors.length);
    document.body.dataset.errorText = errors.join(' | ');
  });
  document.body.dataset.errors = '0';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rendered = 0;
  var points = 0;
  var runs = data.runs;
  var highlighted = {};
  runs.forEach(function (r) { highlighted[r.name] = r.highlight; });

  function chart(id, option) {
    var el = document.getElementById(id);
    var c = echarts.init(el, null, { renderer: 'canvas' });
    option.animation = false;
    c.setOption(option);
    var n = 0;
    (c.getOption().series || []).forEach(function (s) { n += (s.data || []).length; });
    el.dataset.points = String(n);
    if (n > 0 && el.querySelector('canvas')) {
      rendered++;
      points += n;
    }
    return c;
  }

  function minutes(t) { return t.map(function (x) { return +(x / 60).toFixed(2); }); }
  function zip(xs, ys) { return xs.map(function (x, i) { return [x, ys[i]]; }); }

  // 1. demand against ready capacity
  var first = runs[0];
  var demandSeries = [{ name: 'demand (arrivals/s)', type: 'line', showSymbol: false, lineStyle: { width: 2, color: '#222' },
    data: zip(minutes(first.timeline.t), first.timeline.arrivals) }];
  runs.forEach(function (r) {
    demandSeries.push({ name: r.name, type: 'line', showSymbol: false, step: 'end', data: zip(minutes(r.timeline.t), r.timeline.capacity) });
  });
  chart('chart-demand', {
    title: { text: 'Demand and ready capacity (saturation req/s of ready replicas)' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 28, selected: Object.fromEntries(runs.map(function (r) { return [r.name, r.highlight]; })) },
    grid: { top: 80, left: 60, right: 20, bottom: 40 },
    xAxis: { type: 'value', name: 'minutes' }, yAxis: { type: 'value', name: 'req/s' },
    series: demandSeries
  });

  // 2. replicas and nodes by tier, for the focus policy
  var focus = runs.find(function (r) { return r.name === data.focus; }) || first;
  // Stacked areas on a category axis: with two value axes ECharts would stack along x.
  var focusMinutes = minutes(focus.timeline.t).map(function (m) { return m.toFixed(1); });
  function stack(name, values) { return { name: name, type: 'line', stack: 'all', areaStyle: {}, showSymbol: false, step: 'end', data: values.slice() }; }
  chart('chart-replicas', {
    title: { text: 'Replicas by tier: ' + focus.name },
    tooltip: { trigger: 'axis' }, legend: { top: 28 }, grid: { top: 70, left: 60, right: 20, bottom: 40 },
    xAxis: { type: 'category', name: 'minutes', boundaryGap: false, data: focusMinutes }, yAxis: { type: 'value', name: 'replicas' },
    series: [stack('serving', focus.timeline.ready), stack('starting or waking', focus.timeline.starting),
      stack('waiting for a node', focus.timeline.pending), stack('asleep (warm tier)', focus.timeline.sleeping)]
  });
  chart('chart-nodes', {
    title: { text: 'Nodes by state: ' + focus.name },
    tooltip: { trigger: 'axis' }, legend: { top: 28 }, grid: { top: 70, left: 60, right: 20, bottom: 40 },
    xAxis: { type: 'category', name: 'minutes', boundaryGap: false, data: focusMinutes }, yAxis: { type: 'value', name: 'nodes' },
    series: [stack('serving', focus.timeline.nodesServing), stack('standby', focus.timeline.nodesStandby),
      stack('stopped (disk kept)', focus.timeline.nodesStopped), stack('provisioning or resuming', focus.timeline.nodesProvisioning)]
  });

  // 3. cost per policy, with the bound
  chart('chart-cost', {
    title: { text: 'Cost per policy (USD); the line is the lower bound' },
    tooltip: {}, grid: { top: 50, left: 70, right: 110, bottom: 120 },
    xAxis: { type: 'category', data: runs.map(function (r) { return r.name; }), axisLabel: { rotate: 45 } },
    yAxis: { type: 'value', name: 'USD' },
    series: [{ type: 'bar', data: runs.map(function (r) { return +r.costUsd.toFixed(2); }),
      markLine: { symbol: 'none', label: { formatter: 'bound $' + data.boundUsd.toFixed(2) }, data: [{ yAxis: +data.boundUsd.toFixed(2) }] } }]
  });

  // 4. TTFT distribution (CDF)
  chart('chart-ttft', {
    title: { text: 'Time to first token: share of requests within x (target ' + data.ttftTargetSeconds + ' s)' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 28, selected: Object.fromEntries(runs.map(function (r) { return [r.name, r.highlight]; })) },
    grid: { top: 80, left: 60, right: 20, bottom: 40 },
    xAxis: { type: 'log', name: 'seconds', min: 0.01 }, yAxis: { type: 'value', name: 'share', min: 0, max: 1 },
    series: runs.map(function (r) { return { name: r.name, type: 'line', showSymbol: false, data: r.ttftCdf }; })
      .concat([{ name: 'target', type: 'line', data: [], markLine: { symbol: 'none', data: [{ xAxis: data.ttftTargetSeconds }] } }])
  });

  // 5. cost-SLO frontier
  chart('chart-frontier', {
    title: { text: 'Cost against SLO attainment (each point a knob setting; lines are Pareto fronts)' },
    tooltip: { formatter: function (p) { return p.data[2] + ': ' + (p.data[0] * 100).toFixed(2) + '%, $' + p.data[1].toFixed(2); } },
    legend: { type: 'scroll', top: 28 }, grid: { top: 80, left: 70, right: 20, bottom: 40 },
    xAxis: { type: 'value', name: 'SLO attainment', scale: true }, yAxis: { type: 'value', name: 'USD', scale: true },
    series: data.frontier.map(function (f) {
      return { name: f.family, type: 'line', symbolSize: 8, data: f.points.map(function (p) { return [p.attainment, p.costUsd, p.policy]; }) };
    })
  });

  document.body.dataset.chartsRendered = String(rendered);
  document.body.dataset.points = String(points);
})();
