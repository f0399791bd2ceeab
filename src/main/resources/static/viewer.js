// Card viewer: opens a demo patient's chart the way an EHR does (the patient-view hook, with the
// demo FHIR server as fhirServer), shows the cards, and sends clinician feedback.
(function () {
  const service = '/cds-services/recurrent-miscarriage';
  const patientsList = document.getElementById('patients');
  const cardsBox = document.getElementById('cards');
  const status = document.getElementById('status');
  const title = document.getElementById('chart-title');

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // The subset of GitHub markdown the cards use: paragraphs, **bold**, "- " lists, backslash escapes.
  // Raw HTML is never rendered: everything is escaped first.
  function markdown(text) {
    const inline = s => escapeHtml(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\\([\\`*_{}\[\]()#+\-!|<>&.])/g, '$1');
    return text.split(/\n{2,}/).map(block => {
      const lines = block.split('\n');
      if (lines.every(l => l.startsWith('- '))) {
        return '<ul>' + lines.map(l => '<li>' + inline(l.slice(2)) + '</li>').join('') + '</ul>';
      }
      return '<p>' + lines.map(inline).join('<br>') + '</p>';
    }).join('');
  }

  async function sendFeedback(card, item, note) {
    const response = await fetch(service + '/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ feedback: [item] })
    });
    note.textContent = response.ok ? 'Feedback stored.' : 'Feedback not stored (HTTP ' + response.status + ').';
  }

  function renderCard(card) {
    const box = document.createElement('article');
    box.className = 'card ' + card.indicator;
    box.dataset.rule = card.source.topic ? card.source.topic.code : '';
    box.innerHTML =
      '<p class="summary"><span class="indicator">' + escapeHtml(card.indicator) + '</span>' + escapeHtml(card.summary) + '</p>' +
      '<div class="detail">' + markdown(card.detail || '') + '</div>' +
      '<p class="source">' + escapeHtml(box.dataset.rule) + ' &middot; Source: <a target="_blank" rel="noopener"></a></p>' +
      '<div class="actions"></div>';
    const link = box.querySelector('.source a');
    link.href = card.source.url || '#';
    link.textContent = card.source.label;
    const actions = box.querySelector('.actions');
    const note = document.createElement('span');
    note.className = 'feedback';
    (card.suggestions || []).forEach(suggestion => {
      const button = document.createElement('button');
      button.className = 'suggestion';
      button.textContent = suggestion.label;
      button.addEventListener('click', () => sendFeedback(card, {
        card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }],
        outcomeTimestamp: new Date().toISOString()
      }, note));
      actions.appendChild(button);
    });
    const reasons = document.createElement('select');
    reasons.setAttribute('aria-label', 'Reason to dismiss');
    (card.overrideReasons || []).forEach(reason => {
      const option = document.createElement('option');
      option.value = reason.code;
      option.textContent = reason.display;
      reasons.appendChild(option);
    });
    const dismiss = document.createElement('button');
    dismiss.className = 'dismiss';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', () => {
      const chosen = (card.overrideReasons || []).find(r => r.code === reasons.value);
      const item = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
      if (chosen) {
        item.overrideReason = { reason: chosen };
      }
      sendFeedback(card, item, note);
    });
    if (reasons.options.length) {
      actions.appendChild(reasons);
    }
    actions.appendChild(dismiss);
    actions.appendChild(note);
    return box;
  }

  async function open(patient, button) {
    document.querySelectorAll('.patients button').forEach(b => b.setAttribute('aria-pressed', 'false'));
    button.setAttribute('aria-pressed', 'true');
    title.textContent = patient.name + ' (' + patient.gender + ', born ' + patient.birthDate + ')';
    status.textContent = 'Opening chart...';
    cardsBox.innerHTML = '';
    const response = await fetch(service, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        hook: 'patient-view',
        hookInstance: uuid(),
        fhirServer: location.origin + '/fhir',
        context: { userId: 'Practitioner/demo', patientId: patient.id }
      })
    });
    const body = await response.json();
    if (!response.ok) {
      status.textContent = 'The service answered HTTP ' + response.status + ': ' + (body.message || '');
      return;
    }
    status.textContent = body.cards.length + (body.cards.length === 1 ? ' card' : ' cards');
    if (!body.cards.length) {
      cardsBox.innerHTML = '<p class="empty">No card applies to this patient.</p>';
    }
    body.cards.forEach(card => cardsBox.appendChild(renderCard(card)));
  }

  fetch('/demo/patients').then(r => r.json()).then(patients => {
    patients.forEach(patient => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.dataset.patient = patient.id;
      button.innerHTML = '<span class="name"></span><span class="scenario"></span>';
      button.querySelector('.name').textContent = patient.name;
      button.querySelector('.scenario').textContent = patient.scenario;
      button.addEventListener('click', () => open(patient, button));
      item.appendChild(button);
      patientsList.appendChild(item);
    });
  }).catch(() => { status.textContent = 'The demo patients are not available (is the demo profile on?).'; });
})();
