// The page's behaviour: POST /submissions, follow /submissions/{id}/events with an EventSource, and
// show each stage as it arrives. Only the public HTTP API is used, exactly as any other client would.
import { Editor } from './editors.js';
import * as render from './render.js';

const $ = id => document.getElementById(id);

// Every SSE `event:` name the server may send; EventSource only delivers names it was told about.
const EVENT_TYPES = ['queued', 'started', 'compiled', 'compile-failed', 'policy-passed', 'policy-violated',
  'test-started', 'test-passed', 'test-failed', 'run-finished', 'valgrind', 'completed', 'error', 'superseded'];
const OPTION_FIELDS = ['timeout', 'perTestTimeout', 'valgrind', 'stdin'];

const editors = {
  code: new Editor($('code'), 'code', false),
  tests: new Editor($('tests'), 'tests', true),
};
const jump = (file, line) => editors[file] && editors[file].jumpTo(line);

/** The submission being shown; events of an older one that arrive late are ignored. */
let current = null;

function requestBody() {
  const body = { code: editors.code.value };
  if (editors.tests.value.trim()) body.tests = editors.tests.value;
  for (const name of ['timeout', 'perTestTimeout']) {
    const raw = $(name).value.trim();
    // Sent as typed, even out of range: the server's 400 says what is wrong better than a tooltip.
    if (raw !== '') body[name] = Number(raw);
  }
  body.valgrind = $('valgrind').checked;
  if ($('stdin').value) body.stdin = $('stdin').value;
  return body;
}

function resetView() {
  if (current && current.source) current.source.close();
  Object.values(editors).forEach(editor => editor.clearAll());
  OPTION_FIELDS.forEach(name => $(name).classList.remove('invalid'));
  render.hideProblem();
  ['stages', 'tests-list', 'diagnostics', 'timings'].forEach(id => $(id).replaceChildren());
  resetAttemptView();
  $('submission').hidden = true;
  $('connection').textContent = '';
}

/** What belongs to one attempt; a superseded attempt's marks must not mix with the next one's. */
function resetAttemptView() {
  Object.values(editors).forEach(editor => { editor.clearFindings(); editor.clearTests(); });
  ['tests-list', 'diagnostics', 'timings'].forEach(id => $(id).replaceChildren());
  render.showValgrind(null, '—', jump);
  $('output-block').hidden = true;
  $('verdict-json').textContent = '';
}

async function submit() {
  resetView();
  const run = { findings: [], startedAt: NaN, finished: false, testsText: editors.tests.value, valgrind: true };
  current = run;
  render.setStatus('running', 'Submitting…');
  $('submit').disabled = true;
  let response;
  try {
    response = await fetch('submissions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(requestBody()),
    });
  } catch (failure) {
    if (run === current) render.setStatus('unreachable', 'Server unreachable', String(failure.message || failure));
    return;
  } finally {
    $('submit').disabled = false;
  }
  if (run !== current) return;
  if (response.status !== 202) {
    await showRefusal(response);
    return;
  }
  const accepted = await response.json();
  $('submission-id').textContent = accepted.id;
  $('verdict-link').href = accepted.verdict;
  $('events-link').href = accepted.events;
  $('submission').hidden = false;
  render.setStatus('running', 'Queued', 'waiting for an executor');
  follow(run, accepted.events);
}

async function showRefusal(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText || 'Request refused', detail: '' };
  }
  // 429 (too many waiting) and 503 (queue length unknown) say in Retry-After when to send again.
  const retryAfter = /^\d+$/.test(response.headers.get('Retry-After') || '')
    ? Number(response.headers.get('Retry-After')) : null;
  render.showProblem(response.status, problem, retryAfter);
  render.setStatus('rejected', retryAfter === null ? 'Not accepted' : 'Busy, not accepted',
    `HTTP ${response.status}: ${problem.title || ''}` + (retryAfter === null ? '' : ` — try again in ${retryAfter} s`));
  for (const violation of problem.violations || []) {
    if (editors[violation.field]) editors[violation.field].setInvalid(true);
    else if (OPTION_FIELDS.includes(violation.field)) {
      $(violation.field).classList.add('invalid');
      const folded = $(violation.field).closest('details');
      if (folded) folded.open = true;
    }
  }
}

function follow(run, url) {
  const source = new EventSource(url);
  run.source = source;
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, message => {
      if (run !== current) return;
      $('connection').textContent = '';
      onEvent(run, JSON.parse(message.data));
    });
  }
  // EventSource reconnects by itself and sends Last-Event-ID, which the server resumes from; only a
  // stream that cannot be opened at all (e.g. 404) ends up CLOSED.
  source.onerror = () => {
    if (run !== current || run.finished) return;
    if (source.readyState === EventSource.CLOSED) {
      render.setStatus('disconnected', 'Stream failed', 'the events stream could not be opened; try the verdict link');
    } else {
      $('connection').textContent = '(connection lost, reconnecting…)';
    }
  };
}

function onEvent(run, event) {
  const d = event.data || {};
  if (event.type === 'superseded') {
    resetAttemptView();
    run.findings = [];
    run.startedAt = NaN;
  }
  if (event.type === 'started' || !Number.isFinite(run.startedAt)) run.startedAt = Date.parse(event.at);
  render.appendStage(event, run.startedAt);
  switch (event.type) {
    case 'started':
      run.valgrind = !!d.valgrind;
      if (d.mode !== 'program') showPendingTests(run.testsText);
      render.setStatus('running', 'Compiling…');
      break;
    case 'compiled':
    case 'compile-failed':
      addFindings(run, d.diagnostics);
      if (event.type === 'compiled') render.setStatus('running', 'Running…');
      break;
    case 'policy-violated':
      addFindings(run, d.violations);
      break;
    case 'test-started':
    case 'test-passed':
    case 'test-failed':
      showTest(event.type === 'test-started' ? { ...d, status: 'running' } : d);
      if (event.type === 'test-failed') {
        addFindings(run, [{ file: 'tests', line: d.line, severity: 'error', message: `test ${d.n}: ${d.message}`,
          source: 'test' }]);
      }
      render.setStatus('running', 'Running tests…', `test ${d.n} ${d.status || 'started'}`);
      break;
    case 'run-finished':
      render.setStatus('running', run.valgrind ? 'Running Valgrind…' : 'Finishing…');
      break;
    case 'valgrind':
      render.showValgrind(d.report, d.summary, jump);
      addFindings(run, valgrindFindings(d));
      break;
    case 'completed':
      finish(run, d);
      break;
    case 'error':
      run.finished = true;
      run.source.close();
      render.setStatus('error', 'Grading failed', d.reason || '');
      break;
    default:
      break;
  }
}

/** Lists the tests as pending from the text that was sent, so their rows exist before results come. */
function showPendingTests(text) {
  let n = 0;
  text.split('\n').forEach((expression, index) => {
    if (expression.trim()) showTest({ n: ++n, line: index + 1, expression: expression.trim(), status: 'pending' });
  });
}

function showTest(test) {
  render.upsertTest(test, jump);
  const outcome = render.outcomeOf(test.status);
  if (outcome !== 'pending') editors.tests.markTest(test, outcome);
}

function addFindings(run, diagnostics) {
  run.findings.push(...(diagnostics || []));
  showFindings(run.findings);
}

function showFindings(findings) {
  Object.values(editors).forEach(editor => editor.showFindings(findings));
  render.showDiagnostics(findings, jump);
}

/** The live valgrind event has no formatted findings yet: place each error at its innermost frame. */
function valgrindFindings(d) {
  const lines = (d.summary || '').split('\n');
  return ((d.report && d.report.errors) || []).map((error, i) => {
    const frame = (error.frames || [])[0] || {};
    return { file: frame.file, line: frame.line, severity: error.kind.startsWith('Leak_') ? 'warning' : 'error',
      message: lines[i] || error.message, source: 'valgrind' };
  });
}

/** The verdict is the final word: redraw everything from it rather than trusting the live picture. */
function finish(run, verdict) {
  run.finished = true;
  run.source.close();
  run.findings = verdict.formatted_response || [];
  showFindings(run.findings);
  editors.tests.clearTests();
  $('tests-list').replaceChildren();
  (verdict.tests || []).forEach(showTest);
  render.showValgrind(verdict.valgrindReport, verdict.valgrind, jump);
  if (verdict.timings) render.showTimings(verdict.timings);
  $('output').textContent = verdict.output || '';
  $('output-block').hidden = !verdict.output;
  $('verdict-json').textContent = JSON.stringify(verdict, null, 2);
  render.setStatus(verdict.status, render.STATUS_LABELS[verdict.status] || verdict.status,
    render.verdictDetail(verdict), render.verdictMemory(verdict));
}

const submitKeys = { 'Ctrl-Enter': submit, 'Cmd-Enter': submit };
Object.values(editors).forEach(editor => editor.onKey(submitKeys));
$('submit').addEventListener('click', submit);
document.addEventListener('keydown', e => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.target.closest('.CodeMirror')) submit();
});
document.body.dataset.ready = 'true';
