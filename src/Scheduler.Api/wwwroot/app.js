// The page for posts: sign in with the post's API key, edit the month's capacity profile, upload it
// under If-Match, and see the committed schedule as a month calendar. Plain JavaScript, no framework,
// nothing fetched from anywhere but this server. The key lives in sessionStorage only.
'use strict';

(() => {
  const SESSION = 'scheduler.session';
  const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const DIMENSIONS = ['group', 'category', 'visaClass', 'chargeability', 'systemSource', 'language'];
  const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

  const $ = id => document.getElementById(id);
  let state = null; // { key, post, month }
  let loaded = null; // { profile, etag }: the profile as last read or stored
  let uid = 0;

  // ---------- small DOM helpers ----------
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  // An input with its (possibly visually hidden) label and its error line, wired by aria-describedby.
  function field(labelText, input, options = {}) {
    const id = input.id || (input.id = `f${++uid}`);
    const error = el('span', { class: 'field-error', id: `${id}-error` });
    input.setAttribute('aria-describedby', `${id}-error`);
    const label = el('label', { for: id, class: options.hiddenLabel ? 'visually-hidden' : null, text: labelText });
    return el(options.tag || 'div', { class: options.hiddenLabel ? null : 'field' }, label, input, error);
  }

  function textInput(value, attributes = {}) {
    const input = el('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attributes });
    input.value = value ?? '';
    return input;
  }

  function numberInput(value, attributes = {}) {
    const input = el('input', { type: 'number', ...attributes });
    input.value = value ?? '';
    return input;
  }

  function removeButton(label, onClick) {
    const button = el('button', { type: 'button', class: 'remove', text: 'Remove' },
      el('span', { class: 'visually-hidden', text: ` ${label}` }));
    button.addEventListener('click', onClick);
    return button;
  }

  function say(text) {
    $('status').textContent = text;
  }

  function alarm(text) {
    const alert = $('alert');
    alert.textContent = text || '';
    alert.hidden = !text;
  }

  // ---------- the API ----------
  async function api(method, path, options = {}) {
    const headers = { Authorization: `Bearer ${state.key}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.etag) headers['If-Match'] = options.etag;
    let response;
    try {
      response = await fetch(path, { method, headers, body: options.body, cache: 'no-store', credentials: 'omit', redirect: 'error' });
    } catch (error) {
      return { status: 0, data: { title: 'The server did not answer', detail: 'Check the connection and try again.' } };
    }
    let data = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try { data = await response.json(); } catch { data = null; }
    }
    return {
      status: response.status, ok: response.ok, etag: response.headers.get('ETag'), data,
      from: response.headers.get('Profile-From'), frozenBy: response.headers.get('Profile-Frozen-By'),
    };
  }

  const postPath = () => `api/v1/posts/${encodeURIComponent(state.post)}`;
  const detail = result => (result.data && (result.data.detail || result.data.title)) || `HTTP ${result.status}`;

  // ---------- sign in and out ----------
  function defaultMonth() {
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    return `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
  }

  function showSignIn(message) {
    state = null;
    loaded = null;
    sessionStorage.removeItem(SESSION);
    $('workspace').hidden = true;
    $('who').hidden = true;
    $('sign-in-section').hidden = false;
    $('key').value = '';
    $('sign-in-error').textContent = message || '';
    say('');
    alarm('');
  }

  function setFieldError(input, message) {
    const error = $(`${input.id}-error`);
    if (error) error.textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('key').value.trim();
    const post = $('post').value.trim().toUpperCase();
    const month = $('month').value.trim();
    setFieldError($('key'), key ? '' : 'Enter the API key.');
    setFieldError($('post'), post ? '' : 'Enter the post code.');
    setFieldError($('month'), MONTH_PATTERN.test(month) ? '' : 'Enter the month as yyyy-MM, for example 2026-12.');
    $('sign-in-error').textContent = '';
    const invalid = document.querySelector('#sign-in [aria-invalid=true]');
    if (invalid) {
      invalid.focus();
      return;
    }
    state = { key, post, month };
    const button = $('sign-in-button');
    button.disabled = true;
    try {
      const result = await api('GET', `${postPath()}/profiles/${month}`);
      if (!result.ok) {
        state = null;
        $('sign-in-error').textContent = result.status === 401
          ? 'The key was not accepted: it is unknown, expired or revoked. Check it and try again.'
          : result.status === 403
            ? `This key is not a key of post ${post}.`
            : `Could not sign in: ${detail(result)}`;
        return;
      }
      sessionStorage.setItem(SESSION, JSON.stringify(state));
      $('key').value = '';
      enterWorkspace(result);
    } finally {
      button.disabled = false;
    }
  }

  function enterWorkspace(result) {
    $('sign-in-section').hidden = true;
    $('workspace').hidden = false;
    $('who').hidden = false;
    $('who-text').textContent = `Signed in for post ${state.post}`;
    $('month-shown').value = state.month;
    showProfile(result.data, result.etag, result);
    say(`Signed in for post ${state.post}. Showing the profile for ${monthTitle(state.month)}.`);
    $('profile-title').focus();
    loadCalendar();
  }

  // Any 401 or 403 after sign-in: the key was revoked, expired or is not this post's.
  function signedOutBy(result) {
    if (result.status !== 401 && result.status !== 403) return false;
    showSignIn(result.status === 401
      ? 'Your key is no longer accepted (expired or revoked). Sign in again.'
      : `This key may not use post ${state && state.post}'s data. Sign in again with the post's key.`);
    return true;
  }

  // ---------- the profile form ----------
  function monthTitle(month) {
    const [year, number] = month.split('-').map(Number);
    return `${MONTHS[number - 1]} ${year}`;
  }

  // Tells the officer, before any edit, when the month is frozen (a committed batch: the form is disabled) and when the
  // profile shown is carried over from an earlier month (uploading makes it this month's own).
  function showStanding(standing) {
    const notice = $('profile-notice');
    const frozen = Boolean(standing && standing.frozenBy);
    const from = standing && standing.from;
    let text = '';
    if (frozen) {
      text = `${monthTitle(state.month)} is frozen: committed batch ${standing.frozenBy} planned with this profile, so it can no longer be changed.`;
    } else if (from && from !== state.month) {
      text = `This profile is carried over from ${monthTitle(from)}: ${monthTitle(state.month)} has no upload of its own yet. Uploading makes it ${monthTitle(state.month)}'s own.`;
    }
    notice.textContent = text;
    notice.hidden = !text;
    for (const control of $('profile').elements) {
      if (control.id !== 'reload') control.disabled = frozen;
    }
  }

  function showProfile(profile, etag, standing) {
    loaded = { profile, etag };
    const facts = $('post-facts');
    facts.replaceChildren();
    const fact = (term, value) => facts.append(el('dt', { text: term }), el('dd', { text: value || '—' }));
    fact('Post', `${profile.name || ''} (${profile.code})`);
    fact('Country', profile.country);
    fact('Time zone', profile.timeZone);
    fact('Serves', (profile.serves || []).join(', '));
    fact('Designated for', (profile.designatedFor || []).join(', '));
    fact('Month', monthTitle(state.month));
    $('profile-title').textContent = `Capacity profile for ${monthTitle(state.month)}`;

    const weekend = new Set((profile.weekend || []).map(d => String(d).toLowerCase()));
    $('weekend').replaceChildren(...WEEK.map(day => {
      const box = el('input', { type: 'checkbox', value: day, id: `weekend-${day.toLowerCase()}` });
      box.checked = weekend.has(day.toLowerCase());
      return el('label', { for: box.id }, box, day);
    }));
    $('min-notice').value = profile.minNoticeDays ?? '';

    $('sessions').replaceChildren();
    for (const session of profile.sessions || []) addSession($('sessions'), session);
    $('closed').replaceChildren();
    for (const day of profile.closed || []) addClosed(day);
    $('days').replaceChildren();
    for (const [date, sessions] of Object.entries(profile.days || {})) addDay(date, sessions);
    $('mix').replaceChildren();
    for (const rule of profile.mix || []) addRule(rule);
    clearErrors();
    outcome(null);
    showStanding(standing);
  }

  function addSession(tbody, session, focus) {
    const row = el('tr', { class: 'session' });
    const start = textInput(session && session.start, { class: 'tiny start', inputmode: 'numeric', placeholder: 'HH:mm', maxlength: '5' });
    const applicants = numberInput(session && session.applicants, { class: 'tiny applicants', min: '0', step: '1' });
    const error = el('span', { class: 'group-error' });
    row.append(
      el('td', {}, field('Start', start, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, field('Applicants', applicants, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, removeButton('this session', () => { row.remove(); relabel(); }), error));
    tbody.append(row);
    relabel();
    if (focus) start.focus();
    // Hidden labels say which session they are ("Session 2 start"), for screen readers.
    function relabel() {
      for (const r of tbody.children) {
        const i = [...tbody.children].indexOf(r) + 1;
        const [startLabel, applicantsLabel] = r.querySelectorAll('label');
        const prefix = tbody.id === 'sessions' ? 'Session' : `${tbody.closest('.day').querySelector('.day-date').value || 'Day'} session`;
        startLabel.textContent = `${prefix} ${i} start`;
        applicantsLabel.textContent = `${prefix} ${i} applicants`;
      }
    }
    return row;
  }

  function addClosed(date, focus) {
    const input = textInput(date, { class: 'short closed-date', inputmode: 'numeric', placeholder: 'yyyy-MM-dd', maxlength: '10' });
    const item = el('li', {}, field('Closed day', input, { hiddenLabel: true, tag: 'span' }),
      removeButton('this closed day', () => item.remove()));
    item.querySelector('label').textContent = 'Closed day';
    $('closed').append(item);
    if (focus) input.focus();
  }

  function addDay(date, sessions, focus) {
    const dateInput = textInput(date, { class: 'short day-date', inputmode: 'numeric', placeholder: 'yyyy-MM-dd', maxlength: '10' });
    const tbody = el('tbody', { class: 'day-sessions' });
    const legend = el('legend', { text: date ? `Day ${date}` : 'New day override' });
    const day = el('fieldset', { class: 'day' }, legend, el('p', { class: 'group-error' }),
      el('div', { class: 'day-head' }, field('Date', dateInput), removeButton('this day override', () => day.remove())),
      el('table', { class: 'rows' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Start' }), el('th', { scope: 'col', text: 'Applicants' }),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Actions' })))),
        tbody));
    const add = el('button', { type: 'button', class: 'secondary', text: 'Add a session to this day' });
    add.addEventListener('click', () => addSession(tbody, null, true));
    day.append(add);
    dateInput.addEventListener('input', () => { legend.textContent = dateInput.value ? `Day ${dateInput.value}` : 'New day override'; });
    $('days').append(day);
    for (const session of sessions || []) addSession(tbody, session);
    if (focus) dateInput.focus();
  }

  function addRule(rule, focus) {
    const row = el('tr', { class: 'rule' });
    const dimension = el('select', { class: 'dimension' }, DIMENSIONS.map(d => el('option', { value: d, text: d })));
    if (rule && rule.dimension && !DIMENSIONS.includes(rule.dimension)) dimension.append(el('option', { value: rule.dimension, text: rule.dimension }));
    dimension.value = (rule && rule.dimension) || 'group';
    const value = textInput(rule && rule.value, { class: 'short value' });
    const kind = el('select', { class: 'kind' }, el('option', { value: 'target', text: 'target' }), el('option', { value: 'max', text: 'max' }));
    kind.value = rule && rule.max !== undefined && rule.target === undefined ? 'max' : 'target';
    const share = numberInput(rule ? (rule.target ?? rule.max) : '', { class: 'tiny share', min: '0', max: '1', step: '0.01' });
    row.append(
      el('td', {}, field('Dimension', dimension, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, field('Value', value, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, field('Kind', kind, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, field('Share', share, { hiddenLabel: true, tag: 'span' })),
      el('td', {}, removeButton('this mix rule', () => row.remove()), el('span', { class: 'group-error' })));
    $('mix').append(row);
    if (focus) dimension.focus();
  }

  // A number as typed when it is one, else the text itself: the server says what is wrong with it.
  function number(text) {
    const t = String(text).trim();
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t) ? Number(t) : t;
  }

  // Reads the form into a profile (the post's other fields as read) and names every input by the
  // key the server's validation problems use: sessions[0].applicants, days[2026-12-16][1].start, mix[2].target...
  function collect() {
    const profile = { ...loaded.profile };
    profile.weekend = [...$('weekend').querySelectorAll('input:checked')].map(box => box.value);
    profile.minNoticeDays = number($('min-notice').value);
    const sessions = (tbody, prefix) => [...tbody.children].map((row, i) => {
      row.dataset.field = `${prefix}[${i}]`;
      const start = row.querySelector('.start');
      const applicants = row.querySelector('.applicants');
      start.dataset.field = `${prefix}[${i}].start`;
      applicants.dataset.field = `${prefix}[${i}].applicants`;
      return { start: start.value.trim(), applicants: number(applicants.value) };
    });
    profile.sessions = sessions($('sessions'), 'sessions');
    profile.closed = [...$('closed').querySelectorAll('.closed-date')].map(input => input.value.trim());
    profile.days = {};
    const duplicates = [];
    for (const day of $('days').children) {
      const date = day.querySelector('.day-date');
      const key = date.value.trim();
      day.dataset.field = `days[${key}]`;
      if (Object.hasOwn(profile.days, key)) duplicates.push(date);
      profile.days[key] = sessions(day.querySelector('.day-sessions'), `days[${key}]`);
    }
    profile.mix = [...$('mix').children].map((row, i) => {
      row.dataset.field = `mix[${i}]`;
      const kind = row.querySelector('.kind').value;
      const rule = { dimension: row.querySelector('.dimension').value, value: row.querySelector('.value').value.trim() };
      rule[kind] = number(row.querySelector('.share').value);
      row.querySelector('.dimension').dataset.field = `mix[${i}].dimension`;
      row.querySelector('.value').dataset.field = `mix[${i}].value`;
      row.querySelector('.share').dataset.field = `mix[${i}].share`;
      return rule;
    });
    return { profile, duplicates };
  }

  function clearErrors() {
    for (const error of $('profile').querySelectorAll('.field-error, .group-error')) error.textContent = '';
    for (const input of $('profile').querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    $('profile-errors').replaceChildren();
  }

  // The element a validation problem belongs beside: the input its key names, else the nearest row or
  // group (closed and days problems quote the date, so they go beside that date's input).
  function target(key, message) {
    const form = $('profile');
    let k = key.replace(/^(mix\[\d+\])\.(target|max)$/, '$1.share');
    while (k) {
      const found = form.querySelector(`[data-field="${CSS.escape(k)}"]`);
      if (found) {
        if (k === 'closed' || k === 'days') {
          const quoted = /'([^']*)'/.exec(message) || /(\d{4}-\d{2}-\d{2})/.exec(message);
          const selector = k === 'closed' ? '.closed-date' : '.day-date';
          const input = quoted && [...found.querySelectorAll(selector)].find(i => i.value.trim() === quoted[1]);
          if (input) return input;
        }
        return found;
      }
      const parent = k.match(/^(.*)(\.[^.[\]]+|\[[^\]]*\])$/);
      k = parent ? parent[1] : '';
    }
    return null;
  }

  function addError(element, message) {
    let line;
    if (element.matches('input, select')) {
      line = $(`${element.id}-error`);
      element.setAttribute('aria-invalid', 'true');
    } else {
      line = element.querySelector(':scope > .group-error, :scope > td > .group-error');
    }
    if (!line) return false;
    line.textContent = line.textContent ? `${line.textContent} ${message}` : message;
    return true;
  }

  function showProblems(errors) {
    clearErrors();
    const elsewhere = [];
    let count = 0;
    for (const [key, messages] of Object.entries(errors || {})) {
      for (const message of messages) {
        count++;
        const element = target(key, message);
        if (!element || !addError(element, message)) elsewhere.push(key === 'body' ? message : `${key}: ${message}`);
      }
    }
    const summary = $('profile-errors');
    summary.append(el('p', { text: `The profile was not uploaded: ${count === 1 ? 'one problem' : `${count} problems`}, each shown beside its field.` }));
    if (elsewhere.length) summary.append(el('ul', {}, elsewhere.map(text => el('li', { text }))));
    const first = $('profile').querySelector('[aria-invalid=true]');
    (first || summary).focus();
  }

  function outcome(kind, ...content) {
    const box = $('upload-outcome');
    box.replaceChildren(...content);
    box.className = `outcome${kind ? ` ${kind}` : ''}`;
    box.hidden = !kind;
  }

  function reloadButton(text) {
    const button = el('button', { type: 'button', class: 'secondary', text });
    button.addEventListener('click', () => reloadProfile());
    return button;
  }

  async function upload(event) {
    event.preventDefault();
    clearErrors();
    outcome(null);
    const { profile, duplicates } = collect();
    if (duplicates.length) {
      for (const input of duplicates) addError(input, 'This day already has an override above.');
      $('profile-errors').append(el('p', { text: 'The profile was not uploaded: a day has two overrides.' }));
      duplicates[0].focus();
      return;
    }
    const button = $('upload');
    button.disabled = true;
    say('Uploading…');
    try {
      const result = await api('PUT', `${postPath()}/profiles/${state.month}`, { body: JSON.stringify(profile), etag: loaded.etag });
      if (signedOutBy(result)) return;
      if (result.ok) {
        showProfile(result.data, result.etag, result);
        say('');
        outcome('ok', el('p', { text: `Uploaded: the profile for ${monthTitle(state.month)} is stored.` }));
        say(`Uploaded the profile for ${monthTitle(state.month)}.`);
        loadCalendar();
        return;
      }
      say('');
      switch (result.status) {
        case 400:
          showProblems(result.data && result.data.errors ? result.data.errors : { body: [detail(result)] });
          break;
        case 412:
          outcome('error',
            el('p', { text: 'Not uploaded: someone uploaded a newer profile for this month since you loaded it. Your edits were not stored.' }),
            el('p', { text: 'Reload the newest profile, then make your edits again.' }),
            reloadButton('Reload the newest profile'));
          $('upload-outcome').querySelector('button').focus();
          break;
        case 409:
          outcome('error', el('p', { text: `Not uploaded: the month is frozen. ${detail(result)}` }));
          break;
        case 428:
          outcome('error', el('p', { text: 'Not uploaded: the upload did not say which version it edits (If-Match). Reload the profile and try again.' }),
            reloadButton('Reload the profile'));
          break;
        case 429:
          outcome('error', el('p', { text: `Not uploaded: too many requests. ${detail(result)}` }));
          break;
        default:
          outcome('error', el('p', { text: `Not uploaded: ${detail(result)}` }));
      }
      alarm('');
    } finally {
      button.disabled = false;
    }
  }

  async function reloadProfile(month) {
    const wanted = month || state.month;
    const result = await api('GET', `${postPath()}/profiles/${wanted}`);
    if (signedOutBy(result)) return;
    if (!result.ok) {
      alarm(`Could not read the profile: ${detail(result)}`);
      return;
    }
    alarm('');
    state.month = wanted;
    sessionStorage.setItem(SESSION, JSON.stringify(state));
    $('month-shown').value = wanted;
    showProfile(result.data, result.etag, result);
    say(`Loaded the profile for ${monthTitle(wanted)}.`);
    loadCalendar();
  }

  // ---------- the calendar ----------
  function isoDay(date) { // 0 = Monday
    const [y, m, d] = date.split('-').map(Number);
    return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  }

  // Seats the profile offers on a day, as the planner reads it: none on weekend and closed days; a
  // day override replaces the regular sessions. (The minimum notice is not applied: it depends on the run date.)
  function offered(profile, date) {
    if ((profile.closed || []).includes(date)) return { seats: 0, note: 'Closed' };
    const weekend = new Set((profile.weekend || []).map(d => String(d).toLowerCase()));
    if (weekend.has(WEEK[isoDay(date)].toLowerCase())) return { seats: 0, note: 'Weekend' };
    const sessions = (profile.days && profile.days[date]) || profile.sessions || [];
    return { seats: sessions.reduce((sum, s) => sum + Math.max(0, Number(s.applicants) || 0), 0), note: null };
  }

  async function loadCalendar() {
    const box = $('calendar');
    const month = state.month;
    box.setAttribute('aria-busy', 'true');
    const result = await api('GET', `${postPath()}/appointments/${month}`);
    box.setAttribute('aria-busy', 'false');
    if (!state || state.month !== month) return;
    if (signedOutBy(result)) return;
    if (result.status === 404) {
      box.replaceChildren(el('p', { id: 'no-schedule', text: `${monthTitle(month)} has no committed schedule yet: the calendar appears once NVC commits the month's batch.` }));
      return;
    }
    if (!result.ok) {
      box.replaceChildren(el('p', { class: 'form-error', text: `Could not read the schedule: ${detail(result)}` }));
      return;
    }
    renderCalendar(result.data, loaded.profile);
  }

  function renderCalendar(schedule, profile) {
    const [year, number] = schedule.month.split('-').map(Number);
    const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
    const used = new Map();
    for (const a of schedule.appointments) used.set(a.date, (used.get(a.date) || 0) + a.applicants);
    const table = el('table', { class: 'calendar', id: 'calendar-table' },
      el('caption', { text: `${monthTitle(schedule.month)}: seats used of seats offered, per day (batch ${schedule.batch})` }),
      el('thead', {}, el('tr', {}, WEEK.map(d => el('th', { scope: 'col', abbr: d, text: d.slice(0, 3) })))));
    const body = el('tbody');
    let row = el('tr');
    for (let i = 0; i < isoDay(`${schedule.month}-01`); i++) row.append(el('td', { class: 'empty' }));
    for (let d = 1; d <= days; d++) {
      const date = `${schedule.month}-${String(d).padStart(2, '0')}`;
      const seats = used.get(date) || 0;
      const offer = offered(profile, date);
      const cell = el('td', { dataset: { date, used: String(seats), offered: String(offer.seats) } },
        el('span', { class: 'day-number' }, el('time', { datetime: date, text: String(d) })));
      if (offer.note && seats === 0) {
        cell.classList.add('off');
        cell.append(el('span', { class: 'seats', text: offer.note }));
      } else {
        cell.append(el('span', { class: 'seats', text: `${seats} of ${offer.seats} seats used` }));
        const meter = el('span', { class: 'meter', 'aria-hidden': 'true' }, el('span'));
        meter.firstChild.style.width = `${offer.seats ? Math.min(100, (100 * seats) / offer.seats) : 0}%`;
        cell.append(meter);
        if (offer.seats > 0 && seats >= offer.seats) cell.classList.add('full');
      }
      row.append(cell);
      if (row.children.length === 7) {
        body.append(row);
        row = el('tr');
      }
    }
    if (row.children.length) {
      while (row.children.length < 7) row.append(el('td', { class: 'empty' }));
      body.append(row);
    }
    table.append(body);
    const seated = schedule.appointments.reduce((sum, a) => sum + a.applicants, 0);
    const parts = [table, el('p', { class: 'summary', id: 'schedule-summary',
      text: `Batch ${schedule.batch}: ${schedule.appointments.length} appointments, ${seated} applicants seated; ${schedule.unscheduled.length} cases not scheduled.` })];
    if (schedule.unscheduled.length) {
      parts.push(el('details', {}, el('summary', { text: 'Cases not scheduled, with the reason' }),
        el('ul', {}, schedule.unscheduled.map(u => el('li', {}, el('code', { text: u.caseId }), ` ${u.reason}`)))));
    }
    $('calendar').replaceChildren(...parts);
  }

  // ---------- wiring ----------
  function start() {
    $('month').value = defaultMonth();
    $('sign-in').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => { showSignIn(''); say('Signed out.'); $('key').focus(); });
    $('profile').addEventListener('submit', upload);
    $('reload').addEventListener('click', () => reloadProfile());
    $('add-session').addEventListener('click', () => addSession($('sessions'), null, true));
    $('add-closed').addEventListener('click', () => addClosed('', true));
    $('add-day').addEventListener('click', () => addDay('', [], true));
    $('add-mix').addEventListener('click', () => addRule(null, true));
    $('month-switch').addEventListener('submit', event => {
      event.preventDefault();
      const month = $('month-shown').value.trim();
      const ok = MONTH_PATTERN.test(month);
      setFieldError($('month-shown'), ok ? '' : 'Enter the month as yyyy-MM.');
      if (ok) reloadProfile(month);
    });
    const saved = sessionStorage.getItem(SESSION);
    if (saved) {
      try {
        state = JSON.parse(saved);
        $('post').value = state.post;
        $('month').value = state.month;
        api('GET', `${postPath()}/profiles/${state.month}`).then(result => {
          if (signedOutBy(result)) return;
          if (result.ok) enterWorkspace(result);
          else showSignIn(`Could not read the profile: ${detail(result)}`);
        });
      } catch {
        showSignIn('');
      }
    }
    document.body.dataset.ready = 'true';
  }

  start();
})();
