// Turns stage events and verdicts (the JSON of the public API) into the result pane's elements.

const $ = id => document.getElementById(id);

export const STATUS_LABELS = {
  passed: 'Passed', failed: 'Failed', compile_error: 'Compile error', link_error: 'Link error',
  policy_violation: 'Policy violation', time_limit: 'Time limit exceeded', memory_limit: 'Memory limit exceeded',
  output_limit: 'Output limit exceeded', runtime_error: 'Runtime error', internal_error: 'Internal error',
};

const LEAK_KINDS = ['definitelyLost', 'indirectlyLost', 'possiblyLost', 'stillReachable'];
const TIMINGS = [['prepareMs', 'prepare'], ['compileMs', 'compile'], ['policyMs', 'policy'],
  ['testMs', 'tests'], ['valgrindMs', 'Valgrind'], ['totalMs', 'total']];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'className') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning", or "no diagnostics". Notes only explain errors, so they are not counted. */
function countSeverities(diagnostics) {
  const errors = diagnostics.filter(d => d.severity === 'error').length;
  const warnings = diagnostics.filter(d => d.severity === 'warning').length;
  const parts = [];
  if (errors) parts.push(plural(errors, 'error'));
  if (warnings) parts.push(plural(warnings, 'warning'));
  return parts.length ? parts.join(', ') : 'no diagnostics';
}

/** A test's place in the page: passed, failed (any way of not passing), not-run or pending. */
export function outcomeOf(status) {
  if (!status || status === 'pending' || status === 'running') return 'pending';
  if (status === 'passed') return 'passed';
  return status === 'not_run' ? 'not-run' : 'failed';
}

export function leakLine(report) {
  const lost = report && report.leaks && report.leaks.definitelyLost;
  return lost && lost.bytes ? `${lost.bytes} bytes definitely lost in ${plural(lost.blocks, 'block')}` : null;
}

function valgrindStageText(d) {
  const report = d.report || {};
  const errors = report.errors || [];
  if (!report.ran) return { text: d.summary || 'not run' };
  if (errors.length === 0) return { text: d.summary || 'no memory errors, no leaks', tone: 'ok' };
  const leak = leakLine(report);
  return { text: plural(errors.length, 'finding') + (leak ? `; ${leak}` : ''), tone: 'warn' };
}

/** What the stages list says about one event, and whether that is good news. */
export function describeStage(event) {
  const d = event.data || {};
  switch (event.type) {
    case 'started': {
      const l = d.limits || {};
      const what = d.mode === 'program' ? 'program with main()' : plural(d.tests ?? 0, 'test');
      return { text: `${what}, Valgrind ${d.valgrind ? 'on' : 'off'}; limits ${l.timeoutSeconds} s, `
        + `${l.perTestTimeoutSeconds} s per test${l.memoryLimitMb ? `, ${l.memoryLimitMb} MiB` : ''}` };
    }
    case 'compiled':
      return { text: `${countSeverities(d.diagnostics || [])} in ${d.compilation_time} s`, tone: 'ok' };
    case 'compile-failed':
      return { text: `${d.compile ? 'did not link: ' : ''}${countSeverities(d.diagnostics || [])}`, tone: 'bad' };
    case 'policy-passed': return { text: 'only allowed functions used', tone: 'ok' };
    case 'policy-violated': return { text: (d.violations || []).map(v => v.message).join('; '), tone: 'bad' };
    case 'test-started': return { text: `test ${d.n}` };
    case 'test-passed': return { text: `test ${d.n}: ${d.expression} · ${d.timeMs} ms`, tone: 'ok' };
    case 'test-failed': return { text: `test ${d.n}: ${d.expression} — ${d.message || d.status}`, tone: 'bad' };
    case 'run-finished':
      if (d.program) return { text: `program ${d.program.message || d.program.status}`, tone: d.run ? 'ok' : 'bad' };
      return { text: `${d.passed} of ${d.total} passed in ${d.run_time} s`,
        tone: d.passed === d.total ? 'ok' : 'bad' };
    case 'valgrind': return valgrindStageText(d);
    case 'completed': return { text: STATUS_LABELS[d.status] || d.status, tone: d.status === 'passed' ? 'ok' : 'bad' };
    case 'error': return { text: d.reason || 'grading failed', tone: 'bad' };
    case 'superseded':
      return { text: `a newer attempt replaced ${d.previousAttempt || 'this one'}; showing it from its start`,
        tone: 'warn' };
    default: return { text: '' };
  }
}

export function appendStage(event, sinceMs) {
  const { text, tone } = describeStage(event);
  const at = Date.parse(event.at);
  const offset = Number.isFinite(at) && Number.isFinite(sinceMs) ? `+${Math.max(0, at - sinceMs)} ms` : '';
  $('stages').append(el('li', { className: tone ? `tone-${tone}` : null, dataset: { type: event.type, seq: event.seq } },
    el('span', { className: 'stage-name' }, event.type),
    el('span', { className: 'stage-detail' }, text),
    el('span', { className: 'stage-time' }, offset)));
}

/** Adds or replaces test n's row, keeping the list in test order. */
export function upsertTest(test, onJump) {
  const list = $('tests-list');
  const outcome = outcomeOf(test.status);
  const row = el('li', { className: outcome === 'failed' ? `failed status-${test.status}` : outcome,
      dataset: { test: test.n, line: test.line, status: test.status || 'pending' } },
    el('span', { className: 'test-n' }, `#${test.n}`),
    el('code', { className: 'test-expression' }, test.expression || ''),
    el('span', { className: 'test-status' }, (test.status || 'pending').replaceAll('_', ' ')),
    test.timeMs !== undefined && test.status !== 'not_run' ? el('span', { className: 'test-time' }, `${test.timeMs} ms`) : null,
    test.message && test.status !== 'passed' ? el('div', { className: 'test-message' }, test.message) : null,
    test.output ? el('pre', { className: 'test-output' }, test.output) : null);
  row.addEventListener('click', () => onJump('tests', test.line));
  const existing = list.querySelector(`li[data-test="${test.n}"]`);
  if (existing) {
    existing.replaceWith(row);
    return;
  }
  const after = [...list.children].find(li => Number(li.dataset.test) > test.n);
  list.insertBefore(row, after || null);
}

export function showDiagnostics(diagnostics, onJump) {
  const list = $('diagnostics');
  list.replaceChildren(...diagnostics.map(d => {
    const where = d.file ? `${d.file}:${d.line ?? '?'}${d.column ? `:${d.column}` : ''}` : '—';
    const li = el('li', { className: `severity-${d.severity}`,
        dataset: { file: d.file || '', line: d.line ?? '', severity: d.severity, source: d.source } },
      el('span', { className: 'where' }, where),
      el('span', { className: 'severity' }, d.severity),
      el('span', { className: 'message' }, d.message),
      el('span', { className: 'source' }, d.source));
    if (d.file && d.line) li.addEventListener('click', () => onJump(d.file, d.line));
    return li;
  }));
}

export function showValgrind(report, summary, onJump) {
  const box = $('valgrind-report');
  box.dataset.ran = report ? String(report.ran) : '';
  const errors = (report && report.errors) || [];
  // With findings, the list below says it all; the summary is for a clean run or one that did not happen.
  $('valgrind-summary').hidden = errors.length > 0;
  $('valgrind-summary').textContent = summary || (report && report.ran ? 'no memory errors, no leaks' : 'not run');
  for (const kind of LEAK_KINDS) {
    const amount = report && report.ran && report.leaks ? report.leaks[kind] : null;
    const row = box.querySelector(`tr[data-kind="${kind}"]`);
    row.querySelector('.bytes').textContent = amount ? amount.bytes : '–';
    row.querySelector('.blocks').textContent = amount ? amount.blocks : '–';
    row.classList.toggle('lost', !!(amount && amount.bytes && kind !== 'stillReachable'));
  }
  $('valgrind-errors').replaceChildren(...errors.map(error => el('li',
    { className: error.kind.startsWith('Leak_') ? 'leak' : 'memory-error',
      dataset: { kind: error.kind, test: error.test ?? '' } },
    el('span', { className: 'kind' }, error.kind),
    error.test ? el('span', { className: 'test' }, `test ${error.test}`) : null,
    error.bytes !== undefined && error.bytes !== null ? el('span', { className: 'bytes' }, String(error.bytes)) : null,
    el('span', { className: 'message' }, error.message),
    el('span', { className: 'frames' }, ...(error.frames || []).map(frame => {
      const link = el('a', { href: '#', dataset: { file: frame.file || '', line: frame.line ?? '' } },
        `${frame.function || '?'} (${frame.file ? `${frame.file}:${frame.line}` : 'outside your code'})`);
      link.addEventListener('click', e => { e.preventDefault(); onJump(frame.file, frame.line); });
      return link;
    })))));
}

export function showTimings(timings) {
  const total = Math.max(1, timings.totalMs || 0);
  $('timings').replaceChildren(...TIMINGS.flatMap(([key, label]) => [
    el('dt', {}, label),
    el('dd', { dataset: { timing: key } },
      el('span', { className: 'bar', style: `width: ${Math.round(100 * (timings[key] || 0) / total)}%` }),
      el('span', { className: 'ms' }, `${timings[key] ?? 0} ms`)),
  ]));
}

export function setStatus(state, label, detail = '', memory = '') {
  const box = $('status');
  box.dataset.status = state;
  $('status-label').textContent = label;
  $('status-detail').textContent = detail;
  let memoryNote = $('status-memory');
  if (!memoryNote) {
    memoryNote = el('span', { id: 'status-memory' });
    box.append(memoryNote);
  }
  memoryNote.textContent = memory;
}

/** The one line under the status word: how many tests passed, or why none ran. */
export function verdictDetail(verdict) {
  const tests = verdict.tests || [];
  if (['compile_error', 'link_error', 'policy_violation'].includes(verdict.status)) {
    const errors = (verdict.formatted_response || []).filter(d => d.severity === 'error' && d.source !== 'test');
    const lines = [...new Set(errors.filter(d => d.file === 'code' && d.line).map(d => d.line))];
    const where = lines.length ? ` on ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}` : '';
    return `${plural(errors.length, 'error')}${where}; tests not run`;
  }
  if (tests.length) {
    return `${tests.filter(t => t.status === 'passed').length} of ${tests.length} tests passed`;
  }
  const program = (verdict.formatted_response || []).find(d => d.source === 'test' && !d.file);
  return program ? program.message : 'the program ran';
}

export function verdictMemory(verdict) {
  const report = verdict.valgrindReport;
  if (!report || !report.ran) return '';
  const errors = (report.errors || []).filter(e => !e.kind.startsWith('Leak_')).length;
  const parts = [];
  if (errors) parts.push(plural(errors, 'memory error'));
  const leak = leakLine(report);
  if (leak) parts.push(leak);
  return `Valgrind: ${parts.length ? parts.join('; ') : 'clean'}`;
}

/** retryAfter: the Retry-After header's seconds when the server said when to send again (429, 503). */
export function showProblem(httpStatus, problem, retryAfter = null) {
  const box = $('problem');
  box.hidden = false;
  box.dataset.status = httpStatus;
  box.querySelector('.problem-title').textContent = problem.title || 'Request refused';
  box.querySelector('.problem-status').textContent = `HTTP ${httpStatus}`;
  box.querySelector('.problem-detail').textContent = problem.detail || '';
  const retry = box.querySelector('.problem-retry');
  retry.hidden = retryAfter === null;
  retry.textContent = retryAfter === null ? '' : `Submit again in ${retryAfter} s.`;
  box.querySelector('.violations').replaceChildren(...(problem.violations || []).map(v =>
    el('li', { dataset: { field: v.field } }, el('code', {}, v.field), ' ', v.message)));
}

export function hideProblem() {
  const box = $('problem');
  box.hidden = true;
  box.querySelector('.problem-retry').hidden = true;
  box.querySelector('.violations').replaceChildren();
}
