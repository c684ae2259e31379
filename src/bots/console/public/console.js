// The Tally console page: a third chat surface over the same commands and card actions as Slack and Teams.
// Plain browser JavaScript, no build step. Cards are drawn by the official Adaptive Cards renderer.
(function () {
  'use strict';

  const token = new URLSearchParams(window.location.search).get('token');
  const byId = (id) => document.getElementById(id);
  const ui = {
    people: byId('people'), transcript: byId('transcript'), form: byId('composer'), input: byId('command'),
    send: byId('send'), status: byId('status'), firm: byId('firm-name'), demo: byId('demo-label'), chatWith: byId('chat-with'),
  };
  /** Who the page acts as; `session` changes on every switch so late replies for someone else are dropped. */
  const state = { people: [], me: null, session: 0, busy: 0, commandRunning: false };

  const color = (main, subtle) => ({ default: main, subtle });
  const FOREGROUND = {
    default: color('#1B2430', '#5B6675'), dark: color('#0F1620', '#3D4654'), light: color('#FFFFFF', '#E8ECF1'),
    accent: color('#1F4E8C', '#41699F'), good: color('#1E6B3A', '#3C7F53'), warning: color('#8A5A00', '#9C7423'),
    attention: color('#A3261F', '#B5524C'),
  };
  const HOST_CONFIG = new AdaptiveCards.HostConfig({
    fontFamily: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#E3E7ED' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUND },
      emphasis: { backgroundColor: '#F5F7FA', foregroundColors: FOREGROUND },
    },
    actions: {
      maxActions: 8, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left',
      showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
    },
    factSet: { title: { weight: 'bolder', size: 'default', wrap: true, maxWidth: 220 }, value: { wrap: true }, spacing: 12 },
  });
  // Card text is never read as markdown here: untrusted narratives stay literal text.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (_text, result) => { result.didProcess = false; };

  /** A fresh idempotency key per request (randomUUID needs a secure context; getRandomValues does not). */
  function requestId() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, '0')).join('');
  }

  /** Calls the console API; throws an Error whose message is fit to show (the server's error text, never a stack). */
  async function api(path, body) {
    const headers = { accept: 'application/json' };
    if (token) headers['x-tally-console-token'] = token;
    if (body) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined });
    } catch {
      throw new Error('Tally did not answer. Is the server still running?');
    }
    let json = null;
    try { json = await response.json(); } catch { json = null; }
    if (!response.ok) {
      throw new Error(json && typeof json.error === 'string' ? json.error : `The request failed (HTTP ${response.status}).`);
    }
    if (json === null || typeof json !== 'object') throw new Error('Tally sent an answer the console cannot read.');
    return json;
  }

  /** Runs one request with the "working…" state shown; errors become a message in the transcript. */
  async function working(task) {
    const session = state.session;
    state.busy += 1;
    ui.status.textContent = 'Working…';
    ui.transcript.setAttribute('aria-busy', 'true');
    try {
      await task(() => session === state.session);
    } catch (error) {
      if (session === state.session) append(errorMessage(error instanceof Error ? error.message : String(error)));
    } finally {
      state.busy -= 1;
      if (state.busy === 0) {
        ui.status.textContent = '';
        ui.transcript.removeAttribute('aria-busy');
      }
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function messageItem(from, kind) {
    const li = element('li', `message from-${from}`);
    li.setAttribute('data-testid', 'message');
    li.setAttribute('data-reply-kind', kind);
    li.tabIndex = -1;
    return li;
  }

  function append(li) {
    ui.transcript.querySelector('.empty')?.remove();
    ui.transcript.appendChild(li);
    li.scrollIntoView({ block: 'end' });
  }

  function errorMessage(text) {
    const li = messageItem('bot', 'error');
    li.setAttribute('role', 'alert');
    li.appendChild(element('p', 'bubble error', text));
    return li;
  }

  /** A signed download link; the console token rides along when one is configured. */
  function fileHref(url) {
    const href = new URL(url, window.location.href);
    if (token && href.pathname.startsWith('/files/')) href.searchParams.set('token', token);
    return href.toString();
  }

  /** Fills `li` with a reply: a card (its buttons act on this message), text, or file links. */
  function fill(li, reply) {
    li.replaceChildren();
    if (reply.kind === 'card') {
      li.setAttribute('data-reply-kind', reply.replyKind || 'card');
      const card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = HOST_CONFIG;
      card.onExecuteAction = (action) => onCardAction(action, li);
      card.parse(reply.card);
      const rendered = card.render();
      if (!rendered) throw new Error('This card could not be shown.');
      const wrap = element('div', 'card');
      wrap.appendChild(rendered);
      li.appendChild(wrap);
      return li;
    }
    li.setAttribute('data-reply-kind', reply.kind === 'files' ? 'files' : 'text');
    const bubble = element('div', 'bubble');
    bubble.appendChild(element('p', 'text', typeof reply.text === 'string' ? reply.text : ''));
    if (reply.kind === 'files' && Array.isArray(reply.files)) {
      const list = element('ul', 'files');
      for (const file of reply.files) {
        const link = element('a', 'file-link', file.name);
        link.href = fileHref(file.url);
        link.setAttribute('download', file.name);
        link.setAttribute('data-testid', 'file-link');
        const item = element('li');
        item.appendChild(link);
        list.appendChild(item);
      }
      bubble.appendChild(list);
    }
    li.appendChild(bubble);
    return li;
  }

  /** A click on a card button: a card reply replaces this card in place (as Teams does), anything else is appended. */
  function onCardAction(action, li) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      if (action.url) window.open(fileHref(action.url), '_blank', 'noopener');
      return;
    }
    if (!(action instanceof AdaptiveCards.ExecuteAction) || !action.verb || !state.me) {
      append(errorMessage('This button does not work in the console.'));
      return;
    }
    // After prepareForExecution, `data` is the button's data with the card's input values merged in.
    const body = { as: state.me.id, verb: action.verb, data: action.data || {}, requestId: requestId() };
    li.classList.add('is-busy');
    li.setAttribute('aria-busy', 'true');
    void working(async (current) => {
      try {
        const { reply } = await api('/console/api/action', body);
        if (!current()) return;
        if (reply.kind === 'card') {
          fill(li, reply);
          li.focus({ preventScroll: true });
        } else {
          append(fill(messageItem('bot', reply.kind), reply));
        }
      } finally {
        li.classList.remove('is-busy');
        li.removeAttribute('aria-busy');
      }
    });
  }

  function showCommand(text) {
    const li = messageItem('person', 'typed');
    li.appendChild(element('p', 'bubble', text));
    append(li);
  }

  async function sendCommand(event) {
    event.preventDefault();
    const text = ui.input.value.trim();
    if (!text || !state.me || state.commandRunning) return;
    state.commandRunning = true;
    ui.send.disabled = true;
    ui.input.value = '';
    showCommand(text);
    await working(async (current) => {
      const { reply } = await api('/console/api/command', { as: state.me.id, text, requestId: requestId() });
      if (current()) append(fill(messageItem('bot', reply.kind), reply));
    });
    state.commandRunning = false;
    ui.send.disabled = !state.me;
    ui.input.focus();
  }

  async function choose(person) {
    state.me = person;
    state.session += 1;
    for (const button of ui.people.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.personId === String(person.id)));
    }
    ui.chatWith.textContent = `${person.name} · ${person.roles.join(', ')}`;
    ui.transcript.replaceChildren();
    ui.input.disabled = false;
    ui.send.disabled = false;
    window.history.replaceState(null, '', `${window.location.search}#as=${person.id}`);
    ui.input.focus();
    await working(async (current) => {
      const { replies } = await api(`/console/api/start?as=${encodeURIComponent(person.id)}`);
      if (!current()) return;
      for (const reply of replies) append(fill(messageItem('bot', reply.kind), reply));
      if (replies.length === 0) ui.transcript.appendChild(element('li', 'empty', 'Nothing here yet.'));
    });
  }

  function personButton(person) {
    const button = element('button', 'person');
    button.type = 'button';
    button.dataset.personId = String(person.id);
    button.setAttribute('data-testid', `person-${person.email}`);
    button.setAttribute('aria-pressed', 'false');
    const initials = person.name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
    button.appendChild(element('span', 'avatar', initials)).setAttribute('aria-hidden', 'true');
    const who = element('span', 'who');
    who.appendChild(element('span', 'name', person.name));
    who.appendChild(element('span', 'roles', person.roles.join(' · ')));
    button.appendChild(who);
    button.addEventListener('click', () => void choose(person));
    const li = element('li');
    li.appendChild(button);
    return li;
  }

  async function start() {
    ui.form.addEventListener('submit', (event) => void sendCommand(event));
    try {
      const { firm, people } = await api('/console/api/people');
      ui.firm.textContent = firm.name;
      ui.demo.hidden = !firm.isDemo;
      document.title = `Tally console — ${firm.name}`;
      state.people = people;
      ui.people.replaceChildren(...people.map(personButton));
      const wanted = /^#as=(\d+)$/.exec(window.location.hash);
      const again = wanted && people.find((p) => String(p.id) === wanted[1]);
      if (again) await choose(again);
    } catch (error) {
      ui.transcript.replaceChildren(errorMessage(error instanceof Error ? error.message : String(error)));
    }
  }

  void start();
})();
