// The review station's keyboard and verdict buttons (docs/review.md). Verdicts go to the JSON API with the
// session's CSRF token; a change carries the version the page was rendered with, and a 409 shows both values.
(function () {
  'use strict';

  var queue = document.getElementById('queue');
  if (queue) {
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !isTyping(e)) {
        var first = document.getElementById('first-frame');
        if (first) { first.click(); }
      }
    });
  }

  var page = document.getElementById('review-frame');
  if (!page) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.region'));
  var canReview = page.dataset.canReview === 'true';
  var csrfToken = page.dataset.csrfToken;
  var csrfHeader = page.dataset.csrfHeader;
  var current = -1;
  var pending = null; // the verdict refused by a conflict: {row, verdict}

  function isTyping(e) {
    var t = e.target && e.target.tagName;
    return t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT';
  }

  function select(i) {
    if (rows.length === 0) { return; }
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, k) { r.classList.toggle('selected', k === current); });
    rows[current].scrollIntoView({block: 'nearest'});
  }

  function firstUnreviewed(from) {
    for (var k = from; k < rows.length; k++) {
      if (!rows[k].dataset.verdict) { return k; }
    }
    return -1;
  }

  function status(text) {
    document.getElementById('status').textContent = text;
  }

  function show(row, review) {
    row.dataset.review = review.id;
    row.dataset.version = review.version;
    row.dataset.verdict = review.verdict;
    row.querySelector('.verdict-text').textContent = review.verdict;
    var by = row.querySelector('.by');
    if (!by) {
      by = document.createElement('small');
      by.className = 'by';
      row.querySelector('.verdict').appendChild(by);
    }
    by.textContent = review.reviewed_by;
    var left = rows.filter(function (r) { return !r.dataset.verdict; }).length;
    document.getElementById('unreviewed-count').textContent = left;
  }

  function send(row, verdict, overwrite) {
    var id = row.dataset.review;
    var url = id ? '/api/v1/reviews/' + encodeURIComponent(id)
      : '/api/v1/regions/' + encodeURIComponent(row.dataset.region) + '/reviews';
    var body = {verdict: verdict};
    if (id) { body.version = Number(row.dataset.version); }
    var headers = {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-Requested-With': 'fetch'};
    if (csrfHeader && csrfToken) { headers[csrfHeader] = csrfToken; }
    status('saving…');
    return fetch(url, {method: id ? 'PUT' : 'POST', headers: headers, body: JSON.stringify(body),
        credentials: 'same-origin'})
      .then(function (response) {
        return response.json().then(function (json) { return {code: response.status, json: json}; });
      })
      .then(function (answer) {
        if (answer.code === 200 || answer.code === 201) {
          show(row, answer.json);
          hideConflict();
          status('saved: ' + answer.json.verdict + ' (version ' + answer.json.version + ')');
          return true;
        }
        if (answer.code === 409 && answer.json.current) {
          conflict(row, verdict, answer.json);
          return false;
        }
        status('not saved: ' + (answer.json.detail || answer.code));
        return false;
      })
      .catch(function (e) { status('not saved: ' + e); return false; });
  }

  function conflict(row, mine, problem) {
    var theirs = problem.current;
    pending = {row: row, verdict: mine};
    // the row now shows the stored value; an overwrite is a deliberate second step on that version
    show(row, theirs);
    document.getElementById('conflict-text').textContent = problem.detail;
    document.getElementById('conflict-theirs').textContent = theirs.verdict + ' by ' + theirs.reviewed_by
      + ' (version ' + theirs.version + ')';
    document.getElementById('conflict-mine').textContent = mine;
    document.getElementById('conflict').hidden = false;
    status('not saved: someone else saved a verdict meanwhile');
  }

  function hideConflict() {
    pending = null;
    document.getElementById('conflict').hidden = true;
  }

  document.getElementById('conflict-keep').addEventListener('click', function () {
    hideConflict();
    status('kept the saved verdict');
  });
  document.getElementById('conflict-overwrite').addEventListener('click', function () {
    if (pending) { send(pending.row, pending.verdict, true); }
  });

  function verdict(v) {
    if (!canReview || current < 0) { return; }
    var row = rows[current];
    send(row, v).then(function (saved) {
      if (saved) {
        var next = firstUnreviewed(current + 1);
        select(next >= 0 ? next : Math.min(current + 1, rows.length - 1));
      }
    });
  }

  rows.forEach(function (row, k) {
    row.addEventListener('click', function () { select(k); });
    Array.prototype.forEach.call(row.querySelectorAll('button[data-verdict]'), function (b) {
      b.addEventListener('click', function (e) {
        e.stopPropagation();
        select(k);
        verdict(b.dataset.verdict);
      });
    });
  });

  document.addEventListener('keydown', function (e) {
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    switch (e.key) {
      case 'j': case 'ArrowDown': select(current + 1); break;
      case 'k': case 'ArrowUp': select(current - 1); break;
      case 'd': verdict('defect'); break;
      case 'f': verdict('false_call'); break;
      case 'u': verdict('unsure'); break;
      case 'n': window.location.href = page.dataset.next; break;
      default: return;
    }
    e.preventDefault();
  });

  var start = firstUnreviewed(0);
  select(start >= 0 ? start : 0);
})();
