// The inmail console: a small single-page app on the HTTP API (docs/api.md).
// Every figure comes from /v1/... with the bearer token the operator logs in
// with (kept in sessionStorage, gone when the tab closes). Text from mails is
// attacker-controlled: it only ever goes into the page as text nodes (h()),
// never as HTML.

import { REASONS } from '/ui/vocabulary.js';

const STATUSES = ['valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted'];
const CHANNELS = ['email', 'sms', 'push'];
const TYPES = ['hard', 'soft', 'ignored'];

const main = document.getElementById('main');
/** Replaces the page; null and false children (optional parts) are left out. */
const render = (...children) => main.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
const nav = document.getElementById('nav');

/** Builds an element; strings become text nodes, so nothing here is parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
const svg = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children.flat()) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
};
const options = (list, selected, blank) => [
  blank !== undefined ? h('option', { value: '' }, blank) : null,
  ...list.map((v) => h('option', { value: v, selected: v === selected }, v)),
];
const statusTag = (s) => h('span', { class: `status ${s}` }, s);

function toast(message, error = false) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = error ? 'error' : '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 4000);
}

const token = () => sessionStorage.getItem('inmail-token');

/**
 * The page being shown. Its reads are aborted when another page is asked for,
 * so that a slow answer for a page the operator has left can never be drawn
 * over the page they are on now. Changes (POST, PUT, DELETE) are never aborted.
 */
let current = new AbortController();

/** Calls the API; a problem+json answer becomes an Error with its detail. */
async function api(method, path, body, { loggingIn = false } = {}) {
  const signal = method === 'GET' ? current.signal : undefined;
  const res = await fetch(path, {
    method,
    signal,
    headers: { authorization: `Bearer ${token()}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401 && !loggingIn) {
    sessionStorage.removeItem('inmail-token');
    route();
    throw new Error('the token was refused: log in again');
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  signal?.throwIfAborted();
  if (!res.ok) throw new Error(typeof data === 'object' && data ? data.detail : `HTTP ${res.status}`);
  return data;
}

const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined && v !== null) s.append(k, v);
  return s.toString();
};
const formData = (form) => Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v !== ''));
const when = (iso) => (iso ? iso.replace('T', ' ').slice(0, 19) : '-');

// ---------------------------------------------------------------- login

function loginPage() {
  nav.hidden = true;
  const form = h(
    'form',
    { class: 'card login', id: 'login' },
    h('h1', {}, 'Log in'),
    h('p', { class: 'muted' }, 'With an API token: ', h('code', {}, 'inmail tokens create --scope write')),
    h('label', {}, 'Token', h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true })),
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, 'Log in')),
    h('p', { class: 'muted', id: 'login-error' }),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    sessionStorage.setItem('inmail-token', form.token.value.trim());
    try {
      await api('GET', '/v1/stats', undefined, { loggingIn: true });
      location.hash = '#/';
      route();
    } catch (err) {
      sessionStorage.removeItem('inmail-token');
      form.querySelector('#login-error').textContent = err.message;
    }
  });
  render(form);
}

// ---------------------------------------------------------------- dashboard

function barChart(id, title, rows, { width = 560, barH = 18 } = {}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (barH + 6) + 30;
  return svg(
    'svg',
    { id, width, height, role: 'img', 'aria-label': title },
    svg('text', { x: 8, y: 16, 'font-size': 13, 'font-weight': 600 }, title),
    rows.map((r, i) => {
      const y = 26 + i * (barH + 6);
      const w = Math.max(1, Math.round(((width - 230) * r.value) / max));
      return svg(
        'g',
        {},
        svg('text', { x: 8, y: y + 13, 'font-size': 12 }, r.label.slice(0, 26)),
        svg('rect', { x: 180, y, width: w, height: barH, fill: r.color ?? '#1f5fa8' }),
        svg('text', { x: 186 + w, y: y + 13, 'font-size': 12 }, String(r.value)),
      );
    }),
    rows.length === 0 ? svg('text', { x: 8, y: 40, 'font-size': 12, fill: '#5b6773' }, 'nothing yet') : [],
  );
}

const STATE_COLORS = { processed: '#1c7c3a', failed: '#b3261e', pending: '#c98a00', duplicate: '#7b8794' };

function hourChart(perHour) {
  const hours = [...new Set(perHour.map((r) => r.hour))].sort();
  const states = [...new Set(perHour.map((r) => r.state))].sort();
  const width = 720,
    height = 200,
    left = 40,
    bottom = 30;
  const totals = hours.map((hr) => perHour.filter((r) => r.hour === hr).reduce((a, r) => a + r.mails, 0));
  const max = Math.max(1, ...totals);
  const bw = Math.max(4, Math.floor((width - left - 10) / Math.max(1, hours.length)) - 4);
  return svg(
    'svg',
    { id: 'chart-hours', width, height: height + 20, role: 'img', 'aria-label': 'mails per hour by outcome' },
    svg('text', { x: 8, y: 16, 'font-size': 13, 'font-weight': 600 }, 'Mails per hour by outcome'),
    hours.map((hr, i) => {
      let y = height - bottom;
      return svg(
        'g',
        {},
        states.map((st) => {
          const n = perHour.find((r) => r.hour === hr && r.state === st)?.mails ?? 0;
          const bh = Math.round(((height - bottom - 30) * n) / max);
          y -= bh;
          return n
            ? svg(
                'rect',
                { x: left + i * (bw + 4), y, width: bw, height: bh, fill: STATE_COLORS[st] ?? '#1f5fa8' },
                svg('title', {}, `${hr.slice(11, 16)} ${st}: ${n}`),
              )
            : [];
        }),
        svg('text', { x: left + i * (bw + 4), y: height - bottom + 14, 'font-size': 10 }, hr.slice(11, 13)),
      );
    }),
    states.map((st, i) =>
      svg(
        'g',
        {},
        svg('rect', { x: left + i * 110, y: height + 2, width: 10, height: 10, fill: STATE_COLORS[st] ?? '#1f5fa8' }),
        svg('text', { x: left + 14 + i * 110, y: height + 11, 'font-size': 11 }, st),
      ),
    ),
  );
}

async function dashboardPage() {
  const [stats, activity, advice] = await Promise.all([
    api('GET', '/v1/stats'),
    api('GET', '/v1/stats/activity?hours=24'),
    api('GET', '/v1/mx/advice'),
  ]);
  render(
    h('h1', {}, 'Dashboard'),
    h(
      'div',
      { class: 'cards', id: 'counts' },
      Object.entries(stats.addresses).map(([k, v]) => h('div', { class: 'card' }, h('b', {}, v), k)),
      Object.entries(stats.mails).map(([k, v]) => h('div', { class: 'card' }, h('b', {}, v), `mails ${k}`)),
    ),
    h('div', { class: 'card' }, hourChart(activity.mailsPerHour)),
    h(
      'div',
      { class: 'card' },
      barChart(
        'chart-reasons',
        'Top bounce reasons (24 h)',
        activity.topReasons.map((r) => ({ label: r.reason, value: r.events })),
      ),
    ),
    h(
      'div',
      { class: 'card' },
      barChart(
        'chart-domains',
        'Domain health: sender-side failures (7 days)',
        stats.domainHealth.map((d) => ({ label: d.domain, value: d.errors, color: '#b3261e' })),
      ),
    ),
    h('div', { class: 'card', id: 'mx-advice' }, h('h2', {}, 'MX advice in force'), adviceTable(advice.items)),
  );
}

/** The advice delivery reports gave (docs/mx-advice.md): what the sending side is told to block or throttle. */
function adviceTable(items) {
  if (items.length === 0) return h('p', { class: 'muted' }, 'No MX advice in force: every domain may be sent to as usual.');
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Scope', 'Target', 'Advice', 'Until', 'Rule', 'Errors / messages'].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      items.map((a) =>
        h(
          'tr',
          {},
          h('td', {}, a.scope),
          h('td', {}, a.target),
          h('td', {}, a.action === 'block' ? 'block' : `throttle ${a.perHour}/h`),
          h('td', {}, new Date(a.until).toLocaleString()),
          h('td', {}, a.ruleId),
          h('td', {}, `${a.errors} / ${a.messages}`),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- quarantine

function addressFilters(values, onSubmit) {
  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    h('label', {}, 'Address', h('input', { name: 'address', value: values.address ?? '', placeholder: 'contains' })),
    h('label', {}, 'Status', h('select', { name: 'status' }, options(STATUSES, values.status, 'any'))),
    h('label', {}, 'Channel', h('select', { name: 'channel' }, options(CHANNELS, values.channel, 'any'))),
    h('label', {}, 'Reason', h('select', { name: 'reason' }, options(REASONS, values.reason, 'any'))),
    h('label', {}, 'Domain', h('input', { name: 'domain', value: values.domain ?? '' })),
    h('label', {}, 'Error text', h('input', { name: 'text', value: values.text ?? '', placeholder: 'contains' })),
    h('label', {}, 'Since', h('input', { name: 'since', type: 'date', value: values.since ?? '' })),
    h('label', {}, 'Until', h('input', { name: 'until', type: 'date', value: values.until ?? '' })),
    h('button', { class: 'primary', type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (e) => (e.preventDefault(), onSubmit(formData(form))));
  return form;
}

async function addressesPage(params) {
  const filters = Object.fromEntries(params.entries());
  const table = h(
    'table',
    { id: 'addresses' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Address', 'Channel', 'Status', 'Reason', 'Errors', 'Updated', 'Last error'].map((t) => h('th', {}, t)),
      ),
    ),
  );
  const body = h('tbody');
  table.append(body);
  const more = h('button', { type: 'button', id: 'more', hidden: true }, 'More');
  const releaseBox = h('div', { id: 'release' });
  let cursor = null;
  const load = async () => {
    const page = await api('GET', `/v1/addresses?${q({ ...filters, limit: 50, cursor })}`);
    for (const a of page.items) {
      body.append(
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/address/${encodeURIComponent(a.address)}?channel=${a.channel}` }, a.address)),
          h('td', {}, a.channel),
          h('td', {}, statusTag(a.status)),
          h('td', {}, a.reason ?? '-'),
          h('td', {}, a.errorCount),
          h('td', {}, when(a.updatedAt)),
          h('td', { class: 'text' }, a.lastErrorText ?? ''),
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (!body.children.length) body.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'no address matches')));
  };
  more.addEventListener('click', () => load().catch((e) => toast(e.message, true)));
  const reload = async () => {
    body.replaceChildren();
    cursor = null;
    await load();
  };

  // Bulk release: the dry run's count is shown before anything changes.
  const releaseBody = () => {
    const b = { ...filters, ...(filters.status ? { status: [filters.status] } : {}) };
    return b;
  };
  const dry = h('button', { type: 'button', id: 'release-dry' }, 'Release matching…');
  dry.addEventListener('click', async () => {
    try {
      const r = await api('POST', '/v1/addresses/release', { ...releaseBody(), dryRun: true });
      const note = h('input', { name: 'note', placeholder: 'why (kept in the history)', id: 'release-note' });
      const confirm = h(
        'button',
        { class: 'primary', type: 'button', id: 'release-confirm', disabled: r.count === 0 },
        `Release ${r.count}`,
      );
      confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        try {
          const done = await api('POST', '/v1/addresses/release', {
            ...releaseBody(),
            dryRun: false,
            ...(note.value ? { note: note.value } : {}),
          });
          toast(`released ${done.count} address${done.count === 1 ? '' : 'es'}`);
          releaseBox.replaceChildren(
            h(
              'div',
              { class: 'notice', id: 'release-done' },
              `Released ${done.count} address${done.count === 1 ? '' : 'es'}`,
              done.change ? [` as change ${done.change}. `, undoButton(done.change, reload)] : '.',
            ),
          );
          await reload();
        } catch (e) {
          confirm.disabled = false;
          toast(e.message, true);
        }
      });
      releaseBox.replaceChildren(
        h(
          'div',
          { class: 'notice', id: 'release-count' },
          `Dry run: ${r.count} address${r.count === 1 ? '' : 'es'} would be released (quarantined and erroneous unless a status is chosen). `,
          note,
          ' ',
          confirm,
        ),
      );
    } catch (e) {
      toast(e.message, true);
    }
  });

  render(
    h('h1', {}, 'Quarantine'),
    addressFilters(filters, (f) => (location.hash = `#/addresses?${q(f)}`)),
    h('p', {}, dry, ' ', h('a', { href: '#/new' }, 'Create an entry'), ' ', h('a', { href: '#/changes' }, 'Bulk changes and undo')),
    releaseBox,
    table,
    h('p', {}, more),
  );
  await load();
}

/** Takes a bulk change back (POST /v1/changes/{id}/undo), then says what was restored in place of the button. */
function undoButton(change, after) {
  const b = h('button', { type: 'button', class: 'undo', 'data-change': change }, `Undo change ${change}`);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const r = await api('POST', `/v1/changes/${change}/undo`);
      const left = r.skipped.length ? `; ${r.skipped.length} left as they are (changed again since)` : '';
      b.replaceWith(h('span', { class: 'undone' }, `Undone: ${r.restored} address${r.restored === 1 ? '' : 'es'} restored${left}.`));
      toast(`change ${change} undone`);
      await after();
    } catch (e) {
      b.disabled = false;
      toast(e.message, true);
    }
  });
  return b;
}

async function changesPage() {
  const list = await api('GET', '/v1/changes?limit=50');
  render(
    h('h1', {}, 'Bulk changes'),
    h(
      'p',
      { class: 'muted' },
      'Releases, deletes, imports, reapplies and undos, newest first. Undo restores what a change replaced; addresses changed again since are left alone.',
    ),
    h(
      'table',
      { id: 'changes' },
      h(
        'tr',
        {},
        ['Id', 'Kind', 'When', 'By', 'Addresses', 'Filter', 'Note', ''].map((x) => h('th', {}, x)),
      ),
      list.items.map((c) =>
        h(
          'tr',
          { 'data-id': c.id },
          h('td', {}, c.id),
          h('td', {}, c.kind),
          h('td', {}, when(c.at)),
          h('td', {}, c.by),
          h('td', {}, c.addresses),
          h('td', { class: 'text' }, JSON.stringify(c.filter)),
          h('td', { class: 'text' }, c.note ?? ''),
          h('td', {}, c.undoneBy ? `undone by ${c.undoneBy}` : undoButton(c.id, async () => route())),
        ),
      ),
    ),
    list.items.length ? null : h('p', { class: 'muted' }, 'no change recorded yet'),
  );
}

function editForm(initial, onSave) {
  const form = h(
    'form',
    { class: 'inline', id: 'edit' },
    initial.address === undefined ? h('label', {}, 'Address', h('input', { name: 'address', required: true })) : null,
    initial.address === undefined ? h('label', {}, 'Channel', h('select', { name: 'channel' }, options(CHANNELS, 'email'))) : null,
    h('label', {}, 'Status', h('select', { name: 'status' }, options(STATUSES, initial.status ?? 'denylisted'))),
    h('label', {}, 'Reason', h('select', { name: 'reason' }, options(REASONS, initial.reason ?? '', 'keep'))),
    h('label', {}, 'Note', h('input', { name: 'note', placeholder: 'why' })),
    h('button', { class: 'primary', type: 'submit' }, 'Save'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSave(formData(form)).catch((err) => toast(err.message, true));
  });
  return form;
}

function newPage() {
  render(
    h('h1', {}, 'Create an entry'),
    editForm({}, async (f) => {
      const { address, ...body } = f;
      const r = await api('PUT', `/v1/addresses/${encodeURIComponent(address)}`, body);
      toast(`${r.address}: ${r.from} → ${r.to}`);
      location.hash = `#/address/${encodeURIComponent(address)}?channel=${r.channel}`;
    }),
  );
}

async function addressPage(address, params) {
  const channel = params.get('channel') ?? 'email';
  const e = await api('GET', `/v1/addresses/${encodeURIComponent(address)}/explain?channel=${channel}`);
  const rawBox = h('pre', { id: 'raw', hidden: true });
  const showRaw = h('button', { type: 'button', id: 'show-raw' }, 'Show the raw mail');
  showRaw.addEventListener('click', async () => {
    rawBox.textContent = await api('GET', e.mail.raw);
    rawBox.hidden = false;
  });
  const del = h('button', { type: 'button', class: 'danger', id: 'delete' }, 'Delete');
  del.addEventListener('click', async () => {
    if (!confirm(`Delete ${address}? Its history is kept.`)) return;
    await api('DELETE', `/v1/addresses/${encodeURIComponent(address)}?channel=${channel}`).catch((err) => toast(err.message, true));
    toast(`${address} deleted`);
    route();
  });
  const d = e.decision;
  render(
    h('h1', {}, address, ' ', e.address ? statusTag(e.address.status) : statusTag('deleted')),
    e.deleted ? h('p', { class: 'notice' }, 'This address was deleted; its history is kept.') : null,
    h(
      'div',
      { class: 'card' },
      h(
        'dl',
        { class: 'chain', id: 'chain' },
        h('dt', {}, 'Status'),
        h(
          'dd',
          {},
          e.address
            ? `${e.address.status} (${e.address.reason ?? '-'} / ${e.address.type ?? '-'}), ${e.address.errorCount} error(s)`
            : 'deleted',
        ),
        h('dt', {}, 'Set by'),
        h('dd', {}, e.decidedBy ? `${e.decidedBy.by} at ${when(e.decidedBy.at)}${e.decidedBy.note ? ` (${e.decidedBy.note})` : ''}` : '-'),
        h('dt', {}, 'Raw mail'),
        h('dd', {}, e.mail ? `#${e.mail.id} received ${when(e.mail.receivedAt)} from ${e.mail.mailFrom || '<>'}` : '-'),
        h('dt', {}, 'Parser read'),
        h(
          'dd',
          {},
          e.event
            ? `${e.event.kind}/${e.event.action}, status ${e.event.status || '-'}, reply ${e.event.replyCode || '-'}: ${e.event.diagnostic ?? ''}`
            : '-',
        ),
        h('dt', {}, 'Decided by'),
        h('dd', {}, d ? `${d.step}${d.ruleId ? ` ${d.ruleId}` : ''} → ${d.reason} / ${d.type} / ${d.failureReason} (${d.outcome})` : '-'),
        h('dt', {}, 'Normalized text'),
        h('dd', {}, d?.normalizedText ?? '-'),
      ),
    ),
    e.mail ? h('p', {}, showRaw) : null,
    rawBox,
    h('h2', {}, 'Edit'),
    editForm(e.address ?? {}, async (f) => {
      const r = await api('PUT', `/v1/addresses/${encodeURIComponent(address)}`, { ...f, channel });
      toast(`${r.address}: ${r.from} → ${r.to}`);
      route();
    }),
    e.address ? h('p', {}, del) : null,
    h('h2', {}, 'History'),
    h(
      'table',
      { id: 'history' },
      h(
        'tr',
        {},
        ['When', 'Change', 'By', 'Note'].map((t) => h('th', {}, t)),
      ),
      e.history.map((x) =>
        h(
          'tr',
          {},
          h('td', {}, when(x.at)),
          h('td', {}, `${x.from ?? '-'} → ${x.to}`),
          h('td', {}, x.by),
          h('td', { class: 'text' }, x.note ?? (x.event ? `event ${x.event}` : '')),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- qualification

async function qualificationPage(params) {
  const status = params.get('status') ?? 'to-qualify';
  const list = await api('GET', `/v1/qualification?${q({ status, limit: 200 })}`);
  const preview = h('div', { id: 'reapply' });
  const reapply = h('button', { type: 'button', id: 'reapply-dry' }, 'Reapply to stored events…');
  reapply.addEventListener('click', async () => {
    try {
      const r = await api('POST', '/v1/qualification/reapply', { dryRun: true });
      const moved = r.changed.filter((c) => c.addressStatus).length;
      const go = h('button', { class: 'primary', type: 'button', id: 'reapply-confirm' }, 'Reapply');
      go.addEventListener('click', async () => {
        const done = await api('POST', '/v1/qualification/reapply', { dryRun: false });
        toast(`re-decided ${done.changed.length} event(s)`);
        route();
      });
      preview.replaceChildren(
        h(
          'div',
          { class: 'notice', id: 'reapply-count' },
          `Preview: ${r.changed.length} of ${r.eventsSeen} stored event(s) would be re-decided; ${moved} address(es) would change. `,
          go,
        ),
      );
    } catch (e) {
      toast(e.message, true);
    }
  });
  const rows = list.items.map((t) => {
    const reason = h(
      'select',
      { name: 'reason', 'aria-label': 'reason' },
      options(REASONS, t.reason && t.reason !== 'undefined' ? t.reason : 'userunknown'),
    );
    const type = h('select', { name: 'type', 'aria-label': 'type' }, options(TYPES, t.type ?? 'hard'));
    const decide = (s) => async () => {
      try {
        await api(
          'POST',
          `/v1/qualification/${t.id}`,
          s === 'keep' ? { status: 'keep', reason: reason.value, type: type.value } : { status: 'ignore' },
        );
        toast(`text ${t.id}: ${s}`);
        route();
      } catch (e) {
        toast(e.message, true);
      }
    };
    return h(
      'tr',
      { 'data-id': t.id },
      h('td', {}, t.occurrences),
      h('td', { class: 'text' }, t.normalizedText, h('div', { class: 'muted' }, t.firstText)),
      h('td', {}, `${t.reason ?? '-'} / ${t.type ?? '-'}`),
      h('td', {}, when(t.lastSeen)),
      h(
        'td',
        {},
        reason,
        ' ',
        type,
        ' ',
        h('button', { type: 'button', class: 'keep', onclick: decide('keep') }, 'Keep'),
        ' ',
        h('button', { type: 'button', class: 'ignore', onclick: decide('ignore') }, 'Ignore'),
      ),
    );
  });
  render(
    h('h1', {}, 'Qualification log'),
    h(
      'p',
      {},
      ['to-qualify', 'keep', 'ignore'].map((s) => [h('a', { href: `#/qualification?status=${s}` }, s === status ? h('b', {}, s) : s), ' ']),
    ),
    h('p', {}, reapply),
    preview,
    h(
      'table',
      { id: 'texts' },
      h(
        'tr',
        {},
        ['Count', 'Text', 'Now', 'Last seen', 'Decide'].map((x) => h('th', {}, x)),
      ),
      rows,
    ),
    rows.length ? null : h('p', { class: 'muted' }, `no text with status ${status}`),
  );
}

// ---------------------------------------------------------------- rules

const MATCH_FIELDS = [
  ['text', 'Error text contains'],
  ['regex', 'or regex'],
  ['status', 'Status code'],
  ['replyCode', 'Reply code'],
  ['domain', 'Domain'],
  ['remoteMta', 'Remote MTA'],
  ['normalized', 'Normalized text is'],
];

/** A rule's backtest report: counts by reason and domain, and examples. */
function backtestReport(r) {
  return [
    h(
      'div',
      { class: 'notice' },
      `Over ${r.eventsSeen} stored failure(s) of the last ${r.days} days the rule would decide ${r.eventsMatched}, change ${r.eventsChanged}, and ${r.addressesChanged} address(es).`,
    ),
    h(
      'table',
      {},
      h('tr', {}, h('th', {}, 'Change'), h('th', {}, 'Events')),
      Object.entries(r.byReason).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v))),
    ),
    h(
      'table',
      {},
      h('tr', {}, h('th', {}, 'Domain'), h('th', {}, 'Events')),
      Object.entries(r.byDomain).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v))),
    ),
    h(
      'ul',
      {},
      r.examples.map((x) => h('li', {}, `${x.address}: ${x.from.reason}/${x.from.type} → ${x.to.reason}/${x.to.type} — ${x.text}`)),
    ),
  ];
}

/** Whether the shipped rules are unfolded: kept across the page's redraws after an enable or disable. */
let shippedOpen = false;

/** Rules: back-test and add a rule; edit (with a back-test of the new version), enable/disable, delete user rules; enable/disable shipped ones. */
async function rulesPage(params) {
  const [list, shipped] = await Promise.all([api('GET', '/v1/rules?origin=user'), api('GET', '/v1/rules?origin=shipped')]);
  // #/rules?edit=user-3 opens the form on that rule; its back-test then replaces it.
  const editing = list.rules.find((r) => r.id === params.get('edit')) ?? null;
  const base = editing ?? { match: {}, result: { reason: 'userunknown', type: 'hard' }, example: '' };
  const result = h('div', { id: 'backtest-result' });
  const form = h(
    'form',
    { class: 'inline', id: 'backtest', 'data-editing': editing?.id },
    MATCH_FIELDS.map(([name, label]) => h('label', {}, label, h('input', { name, value: base.match[name] ?? '' }))),
    h('label', {}, 'Reason', h('select', { name: 'reason' }, options(REASONS, base.result.reason))),
    h('label', {}, 'Type', h('select', { name: 'type' }, options(TYPES, base.result.type))),
    h('label', {}, 'Example', h('input', { name: 'example', required: true, value: base.example })),
    h('label', {}, 'Note', h('input', { name: 'note', value: base.note ?? '' })),
    h('label', {}, 'Days', h('input', { name: 'days', type: 'number', value: 30, min: 1 })),
    h('button', { type: 'submit' }, 'Back-test'),
    editing
      ? [
          h('button', { type: 'button', class: 'primary', id: 'rule-save' }, `Save ${editing.id}`),
          h('a', { href: '#/rules', id: 'rule-cancel' }, 'Cancel'),
        ]
      : h('button', { type: 'button', class: 'primary', id: 'rule-add' }, 'Add'),
  );
  const candidate = () => {
    const f = formData(form);
    const match = Object.fromEntries(MATCH_FIELDS.map(([k]) => [k, f[k]]).filter(([, v]) => v));
    return {
      ...(editing ? { order: editing.order, enabled: editing.enabled } : {}),
      match,
      result: { reason: f.reason, type: f.type },
      example: f.example,
      ...(f.note ? { note: f.note } : {}),
    };
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/v1/rules/backtest', {
        rule: candidate(),
        days: Number(formData(form).days ?? 30),
        ...(editing ? { replaces: editing.id } : {}),
      });
      result.replaceChildren(...backtestReport(r));
    } catch (err) {
      toast(err.message, true);
    }
  });
  const save = async () => {
    try {
      const r = editing ? await api('PUT', `/v1/rules/${editing.id}`, candidate()) : await api('POST', '/v1/rules', candidate());
      toast(`${editing ? 'saved' : 'added'} ${r.id}`);
      if (location.hash === '#/rules') route();
      else location.hash = '#/rules';
    } catch (err) {
      toast(err.message, true);
    }
  };
  form.querySelector('#rule-add, #rule-save').addEventListener('click', save);
  const toggle = (r) => async () => {
    try {
      await api('POST', `/v1/rules/${encodeURIComponent(r.id)}/${r.enabled ? 'disable' : 'enable'}`);
      toast(`${r.id} ${r.enabled ? 'disabled' : 'enabled'}`);
      route();
    } catch (e) {
      toast(e.message, true);
    }
  };
  const remove = (r) => async () => {
    if (!confirm(`Delete rule ${r.id}? Events it decided keep their decision until reapplied.`)) return;
    try {
      await api('DELETE', `/v1/rules/${encodeURIComponent(r.id)}`);
      toast(`deleted ${r.id}`);
      if (location.hash === '#/rules') route();
      else location.hash = '#/rules';
    } catch (e) {
      toast(e.message, true);
    }
  };
  const ruleRow = (r, user) =>
    h(
      'tr',
      { 'data-id': r.id },
      h('td', {}, r.id),
      h('td', {}, r.enabled ? 'yes' : 'no'),
      h('td', { class: 'text' }, JSON.stringify(r.match)),
      h('td', {}, `${r.result.reason}/${r.result.type}`),
      h('td', {}, r.hits),
      h(
        'td',
        {},
        h('button', { type: 'button', class: 'toggle', onclick: toggle(r) }, r.enabled ? 'Disable' : 'Enable'),
        user
          ? [
              ' ',
              h('a', { class: 'button edit', href: `#/rules?edit=${encodeURIComponent(r.id)}` }, 'Edit'),
              ' ',
              h('button', { type: 'button', class: 'danger delete', onclick: remove(r) }, 'Delete'),
            ]
          : null,
      ),
    );
  const header = h(
    'tr',
    {},
    ['Id', 'On', 'Match', 'Result', 'Hits', ''].map((x) => h('th', {}, x)),
  );
  render(
    h('h1', {}, 'Rules'),
    h('h2', {}, editing ? `Edit ${editing.id}` : 'New rule'),
    form,
    result,
    h('h2', {}, 'User rules (decide first)'),
    h(
      'table',
      { id: 'rules' },
      header,
      list.rules.map((r) => ruleRow(r, true)),
    ),
    list.rules.length ? null : h('p', { class: 'muted' }, 'no user rule yet'),
    h(
      'details',
      { id: 'shipped', open: shippedOpen, ontoggle: (e) => (shippedOpen = e.target.open) },
      h('summary', {}, `Shipped rules (${shipped.rules.length}): enable or disable; to change one, add a user rule`),
      h(
        'table',
        { id: 'shipped-rules' },
        header.cloneNode(true),
        shipped.rules.map((r) => ruleRow(r, false)),
      ),
    ),
  );
}

// ---------------------------------------------------------------- incidents

async function incidentsPage() {
  const list = await api('GET', '/v1/incidents');
  const act = (i, d) => async () => {
    try {
      const r = await api('POST', `/v1/incidents/${i.id}/${d}`, {});
      toast(`incident ${i.id} ${r.status}: ${r.events} event(s), ${r.addressesChanged} address(es) changed`);
      route();
    } catch (e) {
      toast(e.message, true);
    }
  };
  render(
    h('h1', {}, 'Incidents'),
    h(
      'table',
      { id: 'incidents' },
      h(
        'tr',
        {},
        ['Id', 'Status', 'Domain', 'Addresses', 'Held', 'Opened', 'Text', ''].map((x) => h('th', {}, x)),
      ),
      list.items.map((i) =>
        h(
          'tr',
          {},
          h('td', {}, i.id),
          h('td', {}, statusTag(i.status)),
          h('td', {}, i.domain),
          h('td', {}, i.addresses),
          h('td', {}, i.held),
          h('td', {}, when(i.openedAt)),
          h('td', { class: 'text' }, i.sampleText ?? ''),
          h(
            'td',
            {},
            i.status === 'open'
              ? [
                  h('button', { type: 'button', class: 'confirm', onclick: act(i, 'confirm') }, 'Confirm'),
                  ' ',
                  h('button', { type: 'button', class: 'dismiss', onclick: act(i, 'dismiss') }, 'Dismiss'),
                ]
              : `${i.decidedBy ?? ''}`,
          ),
        ),
      ),
    ),
    list.items.length ? null : h('p', { class: 'muted' }, 'no incident'),
  );
}

// ---------------------------------------------------------------- API reference

async function referencePage() {
  const doc = await api('GET', '/openapi.json');
  render(
    h('h1', {}, doc.info.title),
    h('p', {}, doc.info.description),
    Object.entries(doc.paths).map(([path, ops]) =>
      Object.entries(ops).map(([method, op]) =>
        h(
          'div',
          { class: 'card' },
          h('h2', {}, `${method.toUpperCase()} ${path}`),
          h('p', {}, op.summary, ' ', h('span', { class: 'muted' }, `(scope ${op['x-scope']})`)),
          op.parameters?.length
            ? h('p', { class: 'muted' }, 'Parameters: ', op.parameters.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', '))
            : null,
          op.requestBody
            ? h(
                'details',
                {},
                h('summary', {}, 'Request body'),
                h('pre', {}, JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)),
              )
            : null,
          h('details', {}, h('summary', {}, 'Answer'), h('pre', {}, JSON.stringify(Object.values(op.responses)[0], null, 2))),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- router

async function route() {
  current.abort();
  const mine = new AbortController();
  current = mine;
  main.setAttribute('aria-busy', 'true');
  delete main.dataset.page;
  if (!token()) {
    loginPage();
    return done(mine, 'login');
  }
  nav.hidden = false;
  const [path, query = ''] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(query);
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('href') === `#${path}`);
  try {
    if (path === '/') await dashboardPage();
    else if (path === '/addresses') await addressesPage(params);
    else if (path === '/new') newPage();
    else if (path.startsWith('/address/')) await addressPage(decodeURIComponent(path.slice('/address/'.length)), params);
    else if (path === '/changes') await changesPage();
    else if (path === '/qualification') await qualificationPage(params);
    else if (path === '/rules') await rulesPage(params);
    else if (path === '/incidents') await incidentsPage();
    else if (path === '/reference') await referencePage();
    else render(h('p', {}, 'No such page.'));
  } catch (err) {
    // A page left for another one: the newer page draws itself.
    if (mine.signal.aborted) return;
    render(h('p', { class: 'notice', id: 'error' }, err.message));
  }
  done(mine, path);
}

/** Marks the page as drawn (for people: aria-busy; for the browser tests: data-page), unless a newer one has started. */
function done(mine, path) {
  if (mine !== current) return;
  main.setAttribute('aria-busy', 'false');
  main.dataset.page = path;
}

document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem('inmail-token');
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
route();
