// errcat error reference: search and filters, written by
// `errcat export --format html`. The page is complete without this script;
// it only hides the entries that do not match.
//
// Text search runs on the errcat npm package (WebAssembly) in ./pkg/, which
// `errcat export --format html --package DIR` copies there: `search()` over
// every catalog, plus `lookup()` so a code (`40102`) or a loosely spelled
// symbol (`auth-expired`) finds its entry. The catalog and kind filters only
// need the page. A classic script (not a module), so that opened from a file
// the filters still work and the page can say why text search does not.
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  if (!form || !('URLSearchParams' in window)) return;

  var root = document.documentElement;
  var q = document.getElementById('search-q');
  var catSel = document.getElementById('search-catalog');
  var kindSel = document.getElementById('search-kind');
  var meta = document.getElementById('search-meta');
  var statusEl = document.getElementById('search-status');
  var noteEl = document.getElementById('search-note');
  var emptyEl = document.getElementById('search-empty');
  var header = document.querySelector('.site-header');
  var entries = Array.prototype.slice.call(document.querySelectorAll('article.entry'));
  var categories = Array.prototype.slice.call(document.querySelectorAll('section.category'));
  var catalogs = Array.prototype.slice.call(document.querySelectorAll('section.catalog'));
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll('.toc a[data-count-for]'));

  // Set once the package is loaded: text -> Set of entry ids, and the
  // catalogs of this page it covers.
  var engine = null;
  var covered = new Set();
  var lastText = null;
  var lastIds = null;

  form.hidden = false;
  meta.hidden = false;
  setState('loading', 'Loading search…');

  // The sticky header's real height, for anchors to land below it.
  function measure() {
    var h = getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0;
    root.style.setProperty('--header-h', h / 16 + 'rem');
  }
  measure();
  if ('ResizeObserver' in window) new ResizeObserver(measure).observe(header);
  else window.addEventListener('resize', measure);

  function setState(state, note) {
    root.setAttribute('data-search', state);
    noteEl.textContent = note;
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function matches(text) {
    if (text === lastText) return lastIds;
    lastText = text;
    lastIds = engine(text);
    return lastIds;
  }

  function apply(opts) {
    var text = q.disabled ? '' : q.value.trim();
    var cat = catSel.value;
    var kind = kindSel.value;
    var useText = text !== '' && engine !== null;
    var ids = useText ? matches(text) : null;
    var active = useText || cat !== '' || kind !== '';
    var shown = 0;
    var counts = new Map();
    for (var i = 0; i < entries.length; i++) {
      var el = entries[i];
      var d = el.dataset;
      var ok = (!cat || d.catalog === cat) && (!kind || d.kind === kind) && (!useText || ids.has(el.id));
      el.hidden = !ok;
      if (ok) {
        shown++;
        counts.set(d.catalog, (counts.get(d.catalog) || 0) + 1);
        var section = el.parentNode.id;
        counts.set(section, (counts.get(section) || 0) + 1);
      }
    }
    categories.forEach(function (s) {
      s.hidden = !counts.get(s.id);
    });
    catalogs.forEach(function (s) {
      s.hidden = !counts.get(s.id);
    });
    tocLinks.forEach(function (a) {
      var id = a.getAttribute('data-count-for');
      var n = counts.get(id) || 0;
      var total = a.getAttribute('data-total');
      if (total === null) {
        total = a.querySelector('.toc-count').textContent;
        a.setAttribute('data-total', total);
      }
      a.querySelector('.toc-count').textContent = active ? String(n) : total;
      a.parentNode.classList.toggle('toc-none', active && n === 0);
    });
    root.classList.toggle('filtering', active);
    highlight(useText && shown <= MARK_LIMIT ? text.toLowerCase().split(/\s+/) : []);
    emptyEl.hidden = shown !== 0;

    var inCatalogs = 0;
    counts.forEach(function (_, k) {
      if (k.indexOf('-') < 0) inCatalogs++;
    });
    if (!active) {
      statusEl.textContent = plural(entries.length, 'entry', 'entries') + ' in ' + plural(catalogs.length, 'catalog', 'catalogs');
    } else {
      var what = plural(shown, 'entry', 'entries');
      if (useText) what += ' match “' + text + '”';
      else what += ' shown';
      if (shown > 0) what += ' in ' + plural(inCatalogs, 'catalog', 'catalogs');
      statusEl.textContent = what;
    }
    if (!opts || !opts.keepUrl) syncUrl(text, cat, kind);
    if (opts && opts.toTop && active) {
      var main = document.getElementById('main-content');
      var top = main.getBoundingClientRect().top + window.scrollY - header.offsetHeight;
      if (window.scrollY > top) window.scrollTo({ top: Math.max(0, top), behavior: 'instant' });
    }
  }

  // The words of the query, marked in the entries shown (only for a
  // reasonable number of them: a one-letter query shows most of the table).
  var MARK_LIMIT = 150;
  var marks = [];
  function highlight(terms) {
    var parents = new Set();
    marks.forEach(function (m) {
      var p = m.parentNode;
      if (!p) return;
      p.replaceChild(document.createTextNode(m.textContent), m);
      parents.add(p);
    });
    parents.forEach(function (p) {
      p.normalize();
    });
    marks = [];
    terms = terms.filter(Boolean);
    if (!terms.length) return;
    var places = document.querySelectorAll(
      'article.entry:not([hidden]) .entry-symbol, article.entry:not([hidden]) .entry-message, ' +
        'article.entry:not([hidden]) .facts dd, article.entry:not([hidden]) .minor td'
    );
    places.forEach(function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        markNode(node, terms);
      });
    });
  }

  function markNode(node, terms) {
    var text = node.nodeValue;
    var lower = text.toLowerCase();
    // Lower-casing that changes lengths would shift the offsets: skip.
    if (lower.length !== text.length) return;
    var ranges = [];
    terms.forEach(function (t) {
      for (var i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) ranges.push([i, i + t.length]);
    });
    if (!ranges.length) return;
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var frag = document.createDocumentFragment();
    var pos = 0;
    ranges.forEach(function (r) {
      var from = Math.max(r[0], pos);
      if (r[1] <= from) return;
      if (from > pos) frag.appendChild(document.createTextNode(text.slice(pos, from)));
      var m = document.createElement('mark');
      m.textContent = text.slice(from, r[1]);
      frag.appendChild(m);
      marks.push(m);
      pos = r[1];
    });
    if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
    node.parentNode.replaceChild(frag, node);
  }

  function syncUrl(text, cat, kind) {
    var p = new URLSearchParams();
    if (text) p.set('q', text);
    if (cat) p.set('catalog', cat);
    if (kind) p.set('kind', kind);
    var s = p.toString();
    var url = location.pathname + (s ? '?' + s : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      try {
        history.replaceState(history.state, '', url);
      } catch (e) {
        /* some file:// setups refuse; the filters still work */
      }
    }
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) return true;
    return false;
  }

  function fromUrl() {
    var p = new URLSearchParams(location.search);
    q.value = p.get('q') || '';
    var c = p.get('catalog') || '';
    var k = p.get('kind') || '';
    catSel.value = hasOption(catSel, c) ? c : '';
    kindSel.value = hasOption(kindSel, k) ? k : '';
  }

  // An anchor that the filters hide: clear them, then show it.
  function reveal() {
    var id = location.hash.slice(1);
    if (!id) return;
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      return;
    }
    var el = document.getElementById(id);
    if (!el || !el.closest('[hidden]')) return;
    q.value = '';
    catSel.value = '';
    kindSel.value = '';
    apply();
    el.scrollIntoView();
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    apply();
    var first = entries.find(function (e) {
      return !e.hidden;
    });
    if (first && root.classList.contains('filtering')) first.querySelector('.entry-code').focus();
  });
  form.addEventListener('reset', function (ev) {
    ev.preventDefault();
    q.value = '';
    catSel.value = '';
    kindSel.value = '';
    apply();
    if (!q.disabled) q.focus();
  });
  q.addEventListener('input', function () {
    apply({ toTop: true });
  });
  catSel.addEventListener('change', function () {
    apply({ toTop: true });
  });
  kindSel.addEventListener('change', function () {
    apply({ toTop: true });
  });
  q.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Escape') return;
    if (q.value) {
      q.value = '';
      apply();
    } else {
      q.blur();
    }
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || q.disabled) return;
    var t = ev.target;
    if (t && t.closest && t.closest('input, textarea, select, [contenteditable="true"]')) return;
    ev.preventDefault();
    q.focus();
    q.select();
  });
  window.addEventListener('hashchange', reveal);

  fromUrl();
  apply({ keepUrl: true });
  reveal();
  // The header grew (the form is shown now): land on the anchor again.
  if (location.hash.length > 1) {
    var landed = document.getElementById(location.hash.slice(1));
    if (landed) landed.scrollIntoView({ block: 'start', behavior: 'instant' });
  }

  function unavailable(why) {
    engine = null;
    q.disabled = true;
    q.placeholder = 'Text search unavailable';
    setState('unavailable', 'Text search is unavailable: ' + why + ' The catalog and kind filters work, and so does your browser’s find.');
    apply({ keepUrl: true });
  }

  // The package's browser entry, from its package.json (the same rule the
  // CLI checks when it copies the package).
  function entryOf(meta) {
    var dot = meta && meta.exports && meta.exports['.'];
    if (typeof dot === 'string') return dot;
    if (dot && typeof dot === 'object') return dot.browser || dot.import || dot.default || meta.module || 'index.js';
    return (meta && meta.module) || 'index.js';
  }

  function load() {
    if (location.protocol === 'file:') {
      unavailable('browsers do not load its module from a file:// page. Serve this directory over HTTP (for example with python3 -m http.server).');
      return;
    }
    var base = new URL('pkg/', location.href);
    var version = '';
    fetch(new URL('package.json', base), { cache: 'no-cache' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(
        function (meta) {
          version = meta.version || '';
          return import(new URL(entryOf(meta), base).href).then(null, function (e) {
            throw { loadError: e };
          });
        },
        function () {
          throw { missing: true };
        }
      )
      .then(function (pkg) {
        if (typeof pkg.search !== 'function' || typeof pkg.catalogs !== 'function' || typeof pkg.lookup !== 'function') {
          throw { loadError: new Error('pkg/ is not the errcat package') };
        }
        ready(pkg, version);
      })
      .catch(function (e) {
        if (e && e.missing) {
          unavailable('this site was generated without the errcat package (no pkg/ directory; see the --package option of errcat export).');
        } else {
          var err = e && e.loadError ? e.loadError : e;
          unavailable('the errcat package in pkg/ did not load (' + (err && err.message ? err.message : String(err)) + ').');
        }
      });
  }

  // Search only what the package and this page agree on: a page generated
  // from another table (a --catalog-file, another version) says so.
  function ready(pkg, version) {
    var known = new Map();
    pkg.catalogs().forEach(function (c) {
      known.set(c.id, c);
    });
    var missing = [];
    catalogs.forEach(function (section) {
      var id = section.dataset.catalog;
      var c = known.get(id);
      var mine = entries.filter(function (e) {
        return e.dataset.catalog === id;
      });
      var same = !!c && c.entries.length === mine.length;
      if (same) {
        var byCode = new Map();
        c.entries.forEach(function (e) {
          byCode.set(String(e.code), e.symbol);
        });
        same = mine.every(function (e) {
          return byCode.get(e.dataset.code) === e.dataset.symbol;
        });
      }
      if (same) covered.add(id);
      else missing.push(id);
    });
    if (covered.size === 0) {
      unavailable('the errcat package in pkg/ (' + version + ') has a different table than this page.');
      return;
    }
    engine = function (text) {
      var ids = new Set();
      pkg.search(text).forEach(function (e) {
        if (covered.has(e.catalog)) ids.add(e.catalog + '-' + e.code);
      });
      // One word may be a code or a symbol spelled loosely.
      if (!/\s/.test(text)) {
        covered.forEach(function (id) {
          try {
            var e = pkg.lookup(id, text);
            if (e) ids.add(id + '-' + e.code);
          } catch (err) {
            /* not a lookup this catalog can answer */
          }
        });
      }
      return ids;
    };
    lastText = null;
    var note = 'Press / to search. Search runs in your browser (errcat ' + version + ', WebAssembly).';
    if (missing.length) note += ' It does not cover ' + missing.join(', ') + ': the package’s table differs there.';
    setState('ready', note);
    apply({ keepUrl: true });
  }

  load();
})();
