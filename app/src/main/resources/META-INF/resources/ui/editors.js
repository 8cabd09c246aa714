// The code and tests editors (CodeMirror 5, vendored) and the marks a verdict leaves on their lines.

const RANK = { error: 3, warning: 2, note: 1 };

export function worstSeverity(items) {
  return items.reduce((worst, d) => ((RANK[d.severity] || 0) > (RANK[worst] || 0) ? d.severity : worst), 'note');
}

export class Editor {
  /**
   * @param textarea the element CodeMirror replaces; its form value stays in step for free
   * @param file     "code" or "tests": the name diagnostics use for this text
   */
  constructor(textarea, file, withTestGutter) {
    this.file = file;
    this.cm = CodeMirror.fromTextArea(textarea, {
      mode: 'text/x-csrc',
      lineNumbers: true,
      indentUnit: 4,
      matchBrackets: true,
      gutters: withTestGutter ? ['gs-tests', 'CodeMirror-linenumbers', 'gs-markers']
                              : ['CodeMirror-linenumbers', 'gs-markers'],
      // Submissions are short; rendering every line keeps every marker in the DOM, so find-in-page,
      // screen readers and the browser test see marks on lines scrolled out of view.
      viewportMargin: Infinity,
    });
    const wrapper = this.cm.getWrapperElement();
    wrapper.id = `${file}-editor`;
    wrapper.dataset.file = file;
    this.findingMarks = [];
    this.testMarks = [];
  }

  get value() {
    return this.cm.getValue();
  }

  set value(text) {
    this.cm.setValue(text);
  }

  onKey(keys) {
    this.cm.addKeyMap(keys);
  }

  setInvalid(invalid) {
    this.cm.getWrapperElement().classList.toggle('invalid', invalid);
  }

  jumpTo(line) {
    if (!this.hasLine(line)) return;
    this.cm.focus();
    this.cm.setCursor({ line: line - 1, ch: 0 });
    this.cm.scrollIntoView({ line: line - 1, ch: 0 }, 60);
  }

  hasLine(line) {
    return Number.isInteger(line) && line >= 1 && line <= this.cm.lineCount();
  }

  clearAll() {
    this.clearFindings();
    this.clearTests();
    this.setInvalid(false);
  }

  clearFindings() {
    this.cm.clearGutter('gs-markers');
    this.findingMarks.forEach(undo => undo());
    this.findingMarks = [];
  }

  /** Marks each line that has findings: a gutter dot, a tinted line and the messages under it. */
  showFindings(diagnostics) {
    this.clearFindings();
    const byLine = new Map();
    for (const d of diagnostics) {
      if (d.file !== this.file || !this.hasLine(d.line)) continue;
      if (!byLine.has(d.line)) byLine.set(d.line, []);
      byLine.get(d.line).push(d);
    }
    this.cm.operation(() => {
      for (const [line, items] of byLine) this.markLine(line, items);
    });
  }

  markLine(line, items) {
    const severity = worstSeverity(items);
    const marker = document.createElement('span');
    marker.className = `line-marker severity-${severity}`;
    marker.dataset.line = line;
    marker.dataset.file = this.file;
    marker.dataset.sources = [...new Set(items.map(d => d.source))].join(' ');
    marker.title = items.map(d => `${d.severity}: ${d.message}`).join('\n');
    marker.textContent = severity === 'error' ? '●' : '▲';
    this.cm.setGutterMarker(line - 1, 'gs-markers', marker);

    const handle = this.cm.addLineClass(line - 1, 'background', `line-${severity}`);
    const box = document.createElement('div');
    box.className = 'line-messages';
    box.dataset.line = line;
    for (const d of items) {
      const row = document.createElement('div');
      row.className = `line-message severity-${d.severity}`;
      row.dataset.source = d.source;
      row.textContent = `${d.source} ${d.severity}${d.column ? ` (col ${d.column})` : ''}: ${d.message}`;
      box.appendChild(row);
    }
    const widget = this.cm.addLineWidget(line - 1, box, { coverGutter: false, noHScroll: true });
    this.findingMarks.push(() => {
      widget.clear();
      this.cm.removeLineClass(handle, 'background', `line-${severity}`);
    });
  }

  clearTests() {
    this.cm.clearGutter('gs-tests');
    this.testMarks.forEach(undo => undo());
    this.testMarks = [];
  }

  /** Puts test n's number and outcome in the gutter of its line and tints a failed one. */
  markTest(test, outcome) {
    if (!this.hasLine(test.line)) return;
    const marker = document.createElement('span');
    marker.className = `test-marker ${outcome}`;
    marker.dataset.test = test.n;
    marker.dataset.line = test.line;
    marker.title = `test ${test.n}: ${test.status || outcome}${test.message ? ` (${test.message})` : ''}`;
    marker.textContent = test.n;
    this.cm.setGutterMarker(test.line - 1, 'gs-tests', marker);
    if (outcome === 'failed') {
      const handle = this.cm.addLineClass(test.line - 1, 'background', 'line-test-failed');
      this.testMarks.push(() => this.cm.removeLineClass(handle, 'background', 'line-test-failed'));
    }
  }
}
