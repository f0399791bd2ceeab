// Card viewer: opens a patient's chart the way an EHR does (a hook call, with the demo FHIR server
// as fhirServer, or with the Bundle or prefetch the user pasted), shows her header, the timeline
// the service lays out from the facts its rules read, and the cards; and sends clinician feedback.
// The page's address names the patient and the hook: /?patient=demo-sch&hook=patient-view
// In ordering mode the chart is opened as the EHR does when an order is signed (order-sign), with
// one draft order picked from a short list: /?patient=demo-low-value&hook=order-sign&draft=nk-cell
// A patient pasted in stays open across modes and drafts until another is opened.
// The usage view shows the usage report of /governance/usage for a range and period:
// /?view=usage&from=2026-01-01&to=2026-06-30&period=month; under the chart, the open patient's
// calls from the audit trail (/governance/AuditEvent?patient=...).
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const patientsList = document.getElementById('patients');
  const cardsBox = document.getElementById('cards');
  const status = document.getElementById('status');
  const title = document.getElementById('chart-title');
  const header = document.getElementById('patient-header');
  const timelineBox = document.getElementById('timeline');
  const picture = document.getElementById('timeline-picture');
  const ownJson = document.getElementById('own-json');
  const ownFile = document.getElementById('own-file');
  const ordering = document.getElementById('ordering');
  const draftSelect = document.getElementById('draft-order');
  const orderPad = document.getElementById('order-pad');
  const chartView = document.getElementById('chart');
  const usageView = document.getElementById('usage');
  const audit = document.getElementById('audit');
  const auditStatus = document.getElementById('audit-status');
  const auditRows = document.querySelector('#audit-list tbody');
  const usageFrom = document.getElementById('usage-from');
  const usageTo = document.getElementById('usage-to');
  const usagePeriod = document.getElementById('usage-period');
  const usageStatus = document.getElementById('usage-status');
  const usageTotal = document.getElementById('usage-total');
  const usagePeriods = document.getElementById('usage-periods');
  let services = [];
  let demoPatients = [];
  // The chart open: a demo patient's id, or the document pasted in (a Bundle, a prefetch, a request).
  let openPatient = null;
  let openOwn = null;
  // The patient whose audit trail the audit list shows.
  let auditPatient = null;

  const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
  // Draft orders a clinician might be signing: the low-value ones the rules speak about, and
  // some they leave alone.
  const DRAFTS = [
    { key: 'nk-cell', type: 'ServiceRequest', label: 'NK-cell assay', code: { text: 'NK-cell assay (peripheral blood CD56+ cells)' } },
    { key: 'hla', type: 'ServiceRequest', label: 'HLA typing of the couple', code: { text: 'HLA typing, class I and II, couple' } },
    { key: 'thrombophilia', type: 'ServiceRequest', label: 'Inherited thrombophilia panel', code: { text: 'Inherited thrombophilia panel' } },
    { key: 'progesterone', type: 'MedicationRequest', label: 'Progesterone 400 mg vaginal pessary',
      code: { coding: [{ system: RXNORM, code: '8727', display: 'Progesterone' }], text: 'Progesterone 400 mg vaginal pessary' } },
    { key: 'aspirin', type: 'MedicationRequest', label: 'Aspirin 81 mg daily',
      code: { coding: [{ system: RXNORM, code: '243670', display: 'aspirin 81 MG Oral Tablet' }], text: 'aspirin 81 MG Oral Tablet' } },
    { key: 'enoxaparin', type: 'MedicationRequest', label: 'Enoxaparin 40 mg daily',
      code: { coding: [{ system: RXNORM, code: '854235', display: '0.4 ML enoxaparin sodium 100 MG/ML Prefilled Syringe' }], text: 'Enoxaparin 40 mg subcutaneous' } },
    { key: 'tsh', type: 'ServiceRequest', label: 'TSH',
      code: { coding: [{ system: 'http://loinc.org', code: '3016-3', display: 'Thyrotropin [Units/volume] in Serum or Plasma' }], text: 'TSH' } }
  ];
  DRAFTS.forEach(draft => {
    const option = document.createElement('option');
    option.value = draft.key;
    option.textContent = draft.label;
    draftSelect.appendChild(option);
  });

  // A pasted order request's own draft orders, offered first while it is open.
  const PASTED = 'pasted';
  function offerPastedDrafts(request) {
    let option = draftSelect.querySelector('option[value="' + PASTED + '"]');
    if (!request) {
      if (option) {
        const wasPicked = draftSelect.value === PASTED;
        option.remove();
        if (wasPicked) {
          draftSelect.value = DRAFTS[0].key;
        }
      }
      return;
    }
    if (!option) {
      option = document.createElement('option');
      option.value = PASTED;
      draftSelect.insertBefore(option, draftSelect.firstChild);
    }
    option.textContent = 'As pasted (' + plural(((request.context.draftOrders || {}).entry || []).length, 'draft order') + ')';
    draftSelect.value = PASTED;
  }

  function isOrderHook(hook) {
    return hook === 'order-sign' || hook === 'order-select';
  }

  function mode() {
    return document.querySelector('input[name="mode"]:checked').value;
  }

  function setMode(hook) {
    const radio = document.querySelector('input[name="mode"][value="' + (isOrderHook(hook) ? 'order-sign' : 'patient-view') + '"]');
    if (radio) {
      radio.checked = true;
    }
    ordering.hidden = !isOrderHook(hook);
  }

  // The draft picked, as the FHIR resource the EHR sends in context.draftOrders.
  function draftResource(key, patientId) {
    const draft = DRAFTS.find(d => d.key === key) || DRAFTS[0];
    const resource = { resourceType: draft.type, id: 'draft-' + draft.key, status: 'draft', intent: 'proposal',
      subject: { reference: 'Patient/' + patientId } };
    if (draft.type === 'MedicationRequest') {
      resource.medicationCodeableConcept = draft.code;
    } else {
      resource.code = draft.code;
    }
    return resource;
  }

  function withDraftOrders(request) {
    const draft = draftResource(draftSelect.value === PASTED ? DRAFTS[0].key : draftSelect.value, request.context.patientId);
    request.context.draftOrders = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: draft }] };
    return request;
  }

  // A record's words as the viewer shows them in a line of its own making: one line, cut past the
  // length of a card's label with an ellipsis, as the service cuts a card's plain-text fields. A
  // record may hold anything: line breaks, a megabyte of text.
  const WORDS = 120;
  function oneLine(text, max) {
    const line = String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
    return line.length <= max ? line : line.slice(0, max - 1).trimEnd() + '\u2026';
  }

  function conceptText(concept) {
    if (!concept) {
      return 'order';
    }
    return oneLine(concept.text || (concept.coding && concept.coding[0] && (concept.coding[0].display || concept.coding[0].code)) || 'order', WORDS);
  }

  // The order pad: the drafts of the call, struck through once a suggestion withdraws them, and
  // the orders a suggestion adds.
  function renderPad(request) {
    orderPad.innerHTML = '';
    (request.context.draftOrders.entry || []).forEach(entry => {
      const r = entry.resource;
      const li = document.createElement('li');
      li.dataset.reference = r.resourceType + '/' + r.id;
      li.textContent = conceptText(r.code || r.medicationCodeableConcept) + ' (' + r.resourceType + '/' + r.id + ', draft)';
      orderPad.appendChild(li);
    });
  }

  // What accepting a suggestion does to the order being signed, in words.
  function consequences(suggestion) {
    return (suggestion.actions || []).map(action => {
      if (action.type === 'delete') {
        return 'withdraws the draft ' + action.resourceId + ' from this order';
      }
      if (action.type === 'create' && action.resource) {
        return 'adds a draft ' + action.resource.resourceType + ': ' +
          conceptText(action.resource.code || action.resource.medicationCodeableConcept);
      }
      if (action.type === 'update' && action.resource) {
        return 'sets ' + action.resource.resourceType + '/' + action.resource.id + ' (' +
          conceptText(action.resource.code || action.resource.medicationCodeableConcept) + ') to ' +
          action.resource.status;
      }
      return action.type + ' ' + (action.description || '');
    });
  }

  function accept(suggestion) {
    (suggestion.actions || []).forEach(action => {
      if (action.type === 'delete') {
        orderPad.querySelectorAll('li').forEach(li => {
          if (li.dataset.reference === action.resourceId) {
            li.classList.add('withdrawn');
            li.textContent += ': withdrawn';
          }
        });
      } else if (action.type === 'update' && action.resource) {
        const li = document.createElement('li');
        li.className = 'withdrawn';
        li.textContent = conceptText(action.resource.code || action.resource.medicationCodeableConcept) + ' (' +
          action.resource.resourceType + '/' + action.resource.id + '): ' + action.resource.status;
        orderPad.appendChild(li);
      } else if (action.type === 'create' && action.resource) {
        const li = document.createElement('li');
        li.className = 'added';
        li.textContent = conceptText(action.resource.code || action.resource.medicationCodeableConcept) + ' (new draft ' +
          action.resource.resourceType + ')';
        orderPad.appendChild(li);
      }
    });
  }

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  const CHECK = /^\*\*(Done|Ordered|To do|Later|Not needed)\*\* /;

  // The subset of GitHub markdown the cards use: paragraphs, **bold**, "- " lists, backslash escapes.
  // Raw HTML is never rendered: everything is escaped first.
  function markdown(text) {
    const inline = s => escapeHtml(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\\([\\`*_{}\[\]()#+\-!|<>&.])/g, '$1');
    return text.split(/\n{2,}/).map(block => {
      const lines = block.split('\n');
      if (lines.every(l => l.startsWith('- '))) {
        // An evaluation checklist line opens with its status in bold: it gets a badge.
        const checklist = lines.every(l => CHECK.test(l.slice(2)));
        return (checklist ? '<ul class="checklist">' : '<ul>') + lines.map(l => {
          const status = l.slice(2).match(CHECK);
          return status
            ? '<li class="check ' + status[1].toLowerCase().replace(' ', '-') + '">' + inline(l.slice(2)) + '</li>'
            : '<li>' + inline(l.slice(2)) + '</li>';
        }).join('') + '</ul>';
      }
      return '<p>' + lines.map(inline).join('<br>') + '</p>';
    }).join('');
  }

  function serviceFor(hook) {
    return services.find(s => s.hook === hook);
  }

  async function sendFeedback(service, item, note) {
    const response = await fetch('/cds-services/' + service.id + '/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ feedback: [item] })
    });
    note.textContent = response.ok ? 'Feedback stored.' : 'Feedback not stored (HTTP ' + response.status + ').';
  }

  // The FHIR resource a suggestion would create, as the EHR would receive it.
  function draftResources(suggestion) {
    const box = document.createElement('details');
    box.className = 'draft';
    const summary = document.createElement('summary');
    summary.textContent = 'Draft resource: ' + suggestion.label;
    const pre = document.createElement('pre');
    pre.textContent = (suggestion.actions || [])
      .map(action => action.type + ' ' + JSON.stringify(action.resource || action.resourceId, null, 2))
      .join('\n\n');
    box.append(summary, pre);
    return box;
  }

  function renderCard(service, card, ordered) {
    const box = document.createElement('article');
    box.className = 'card ' + card.indicator;
    box.dataset.rule = card.source.topic ? card.source.topic.code : '';
    box.dataset.uuid = card.uuid;
    box.innerHTML =
      '<p class="summary"><span class="indicator">' + escapeHtml(card.indicator) + '</span>' + escapeHtml(card.summary) + '</p>' +
      '<div class="detail">' + markdown(card.detail || '') + '</div>' +
      '<p class="source">' + escapeHtml(box.dataset.rule) + ' &middot; Source: <a target="_blank" rel="noopener"></a></p>' +
      '<div class="actions"></div><div class="drafts"></div>';
    const link = box.querySelector('.source a');
    link.href = card.source.url || '#';
    link.textContent = card.source.label;
    const actions = box.querySelector('.actions');
    const drafts = box.querySelector('.drafts');
    const note = document.createElement('span');
    note.className = 'feedback';
    (card.suggestions || []).forEach(suggestion => {
      const button = document.createElement('button');
      button.className = 'suggestion';
      button.textContent = suggestion.label;
      // CDS Hooks 2.0: isRecommended false is advice offered, not advised; it looks optional.
      if (suggestion.isRecommended === false) {
        button.classList.add('optional');
        button.title = 'not routinely recommended';
      }
      button.addEventListener('click', () => {
        if (ordered) {
          accept(suggestion);
        }
        sendFeedback(service, {
          card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: suggestion.uuid }],
          outcomeTimestamp: new Date().toISOString()
        }, note);
      });
      actions.appendChild(button);
      if (ordered) {
        const accepting = document.createElement('div');
        accepting.className = 'accepting';
        accepting.innerHTML = '<strong></strong><ul></ul>';
        accepting.querySelector('strong').textContent = 'Accepting "' + suggestion.label + '":';
        consequences(suggestion).forEach(text => {
          const li = document.createElement('li');
          li.textContent = text;
          accepting.querySelector('ul').appendChild(li);
        });
        drafts.appendChild(accepting);
      }
      drafts.appendChild(draftResources(suggestion));
    });
    // No reason is chosen for the clinician: the first option is an empty prompt.
    const reasons = document.createElement('select');
    reasons.setAttribute('aria-label', 'Reason to dismiss');
    const prompt = document.createElement('option');
    prompt.value = '';
    prompt.textContent = 'Reason to dismiss (optional)';
    reasons.appendChild(prompt);
    (card.overrideReasons || []).forEach(reason => {
      const option = document.createElement('option');
      option.value = reason.code;
      option.textContent = reason.display;
      reasons.appendChild(option);
    });
    reasons.value = '';
    const dismiss = document.createElement('button');
    dismiss.className = 'dismiss';
    dismiss.textContent = 'Dismiss';
    dismiss.addEventListener('click', () => {
      const chosen = (card.overrideReasons || []).find(r => r.code === reasons.value);
      const item = { card: card.uuid, outcome: 'overridden', outcomeTimestamp: new Date().toISOString() };
      if (chosen) {
        item.overrideReason = { reason: chosen };
      }
      sendFeedback(service, item, note);
    });
    if (card.overrideReasons && card.overrideReasons.length) {
      actions.appendChild(reasons);
    }
    actions.appendChild(dismiss);
    actions.appendChild(note);
    return box;
  }

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }


  function renderHeader(name, timeline) {
    const parts = [];
    parts.push(timeline.ageYears !== undefined ? timeline.ageYears + ' years' : 'age unknown');
    parts.push(timeline.sex);
    if (timeline.pregnancy) {
      const ga = timeline.pregnancy.gestation;
      parts.push(ga ? 'pregnant at ' + ga + ' weeks' + (timeline.pregnancy.dueDate ? ' (due ' + timeline.pregnancy.dueDate + ')' : '')
        : 'pregnant, gestation unknown');
    } else {
      parts.push('not pregnant');
    }
    let losses = timeline.lossCount + (timeline.lossCount === 1 ? ' loss' : ' losses');
    if (timeline.consecutiveRun !== undefined && timeline.lossCount > 1) {
      losses += ' (' + timeline.consecutiveRun + ' consecutive)';
    }
    parts.push(losses);
    if (timeline.rplDiagnosed) {
      parts.push('RPL diagnosed');
    }
    header.hidden = false;
    header.innerHTML = '<strong class="name"></strong> <span class="facts"></span>';
    header.querySelector('.name').textContent = name;
    header.querySelector('.facts').textContent = parts.join(' · ');
    header.dataset.age = timeline.ageYears !== undefined ? timeline.ageYears : '';
    header.dataset.gestation = timeline.pregnancy && timeline.pregnancy.gestation ? timeline.pregnancy.gestation : '';
    header.dataset.losses = timeline.lossCount;
  }

  function svg(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(([k, v]) => element.setAttribute(k, v));
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function day(iso) {
    return Date.parse(iso + 'T00:00:00Z');
  }

  const CATEGORY_COLOURS = {
    result: '#1f6feb', diagnosis: '#8250df', order: '#1a7f37', prescription: '#bf3989', procedure: '#9a6700'
  };
  const EVENT_COLOURS = { loss: '#cf222e', 'live-birth': '#1a7f37', other: '#6e7781' };

  const CATEGORY_NOUNS = {
    result: 'results', diagnosis: 'diagnoses', order: 'orders', prescription: 'prescriptions', procedure: 'procedures'
  };

  // The work-up by kind: the items of one category and kind (BMI, smoking status, aspirin) are one
  // thing recorded again. Each kind with its items oldest first and its latest dated item; the
  // kinds in the order of their latest dates, undated last.
  function workUpKinds(workUp) {
    const kinds = new Map();
    workUp.forEach(item => {
      const kind = item.kind || item.label;
      const key = item.category + '\u0000' + kind;
      if (!kinds.has(key)) {
        kinds.set(key, { category: item.category, kind, items: [] });
      }
      kinds.get(key).items.push(item);
    });
    const list = Array.from(kinds.values());
    list.forEach(kind => {
      const dated = kind.items.filter(i => i.date);
      kind.latest = dated.length ? dated[dated.length - 1] : kind.items[kind.items.length - 1];
    });
    const when = kind => kind.latest.date ? day(kind.latest.date) : Infinity;
    return list.sort((a, b) => when(a) - when(b));
  }

  function itemText(item) {
    return oneLine(item.label, WORDS) + (item.status ? ' (' + item.status + ')' : '');
  }

  function swatch(category) {
    const mark = document.createElement('span');
    mark.className = 'swatch';
    mark.style.background = CATEGORY_COLOURS[category] || '#6e7781';
    return mark;
  }

  // The work-up as a list: the picture's tooltips are not reachable by keyboard. One row per kind;
  // a kind recorded more than once shows its count and latest, and opens to every record, newest first.
  function workUpList(kinds) {
    const list = document.createElement('ul');
    list.className = 'workup-list';
    kinds.forEach(kind => {
      const li = document.createElement('li');
      const latest = kind.latest;
      if (kind.items.length === 1) {
        li.append(swatch(kind.category), document.createTextNode((latest.date || 'undated') + ' · ' + kind.category + ': ' + itemText(latest)));
        list.appendChild(li);
        return;
      }
      li.className = 'repeated';
      const box = document.createElement('details');
      const summary = document.createElement('summary');
      summary.append(swatch(kind.category), document.createTextNode((latest.date || 'undated') + ' · ' + kind.category + ': ' +
        oneLine(kind.kind, WORDS) + ', ' + kind.items.length + ' ' + (CATEGORY_NOUNS[kind.category] || 'records') + ', latest ' + itemText(latest)));
      const all = document.createElement('ul');
      kind.items.slice().reverse().forEach(item => {
        const one = document.createElement('li');
        one.textContent = (item.date || 'undated') + ' · ' + itemText(item);
        all.appendChild(one);
      });
      box.append(summary, all);
      li.appendChild(box);
      list.appendChild(li);
    });
    return list;
  }

  // The timeline picture: one row of pregnancy outcomes and the current pregnancy, one row of
  // work-up items, on a shared date axis ending at the evaluation date. The axis opens a year
  // before her first pregnancy on record or at her first diagnosis, whichever is earlier (with
  // neither, at the latest record of the kind of work-up last recorded longest ago), so that
  // decades of routine results do not squeeze the pregnancies into a corner: records before it
  // are in the list below.
  // Outcome labels take the first of four lines, above and below their row, where they fit
  // beside the labels already there; one that fits nowhere is left to its tooltip.
  function renderTimeline(timeline) {
    picture.innerHTML = '';
    // Shown before it is drawn: the labels are measured as they are laid out.
    timelineBox.hidden = false;
    const events = timeline.events.filter(e => e.date);
    const kinds = workUpKinds(timeline.workUp);
    const end = day(timeline.evaluationDate);
    const yearMs = 365.25 * 86400000;
    const pregnancies = events.map(e => day(e.date));
    if (timeline.pregnancy && timeline.pregnancy.start) {
      pregnancies.push(day(timeline.pregnancy.start));
    }
    const diagnoses = timeline.workUp.filter(i => i.date && i.category === 'diagnosis').map(i => day(i.date));
    const opens = [];
    if (pregnancies.length) {
      opens.push(Math.min.apply(null, pregnancies) - yearMs);
    }
    if (diagnoses.length) {
      opens.push(Math.min.apply(null, diagnoses) - yearMs / 12);
    }
    if (!opens.length) {
      kinds.filter(k => k.latest.date).forEach(k => opens.push(day(k.latest.date) - yearMs / 12));
    }
    if (!opens.length) {
      picture.textContent = 'Nothing dated on record to draw.';
      if (timeline.workUp.length) {
        picture.appendChild(workUpList(kinds));
      }
      return;
    }
    const start = Math.min(end - yearMs / 4, Math.min.apply(null, opens));
    const items = timeline.workUp.filter(i => i.date && day(i.date) >= start);
    const earlier = timeline.workUp.filter(i => i.date && day(i.date) < start).length;
    const width = 760, left = 90, right = 20, height = 245;
    const x = t => left + (t - start) / (end - start) * (width - left - right);
    const picture_ = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, role: 'img', width: '100%',
      'aria-label': 'Timeline of ' + plural(events.length, 'pregnancy outcome') + ' and ' + plural(items.length, 'work-up item') +
        (earlier ? '; ' + plural(earlier, 'earlier record') + ' in the list below' : '')
    });
    picture.appendChild(picture_);
    const rows = { pregnancies: 70, workUp: 160 };
    picture_.appendChild(svg('text', { x: 8, y: rows.pregnancies + 4, class: 'row-label' }, 'Pregnancies'));
    picture_.appendChild(svg('text', { x: 8, y: rows.workUp + 4, class: 'row-label' }, 'Work-up'));
    [rows.pregnancies, rows.workUp].forEach(y =>
      picture_.appendChild(svg('line', { x1: left, x2: width - right, y1: y, y2: y, class: 'row-line' })));
    // Year ticks
    const axisY = 215;
    picture_.appendChild(svg('line', { x1: left, x2: width - right, y1: axisY, y2: axisY, class: 'axis' }));
    const firstYear = new Date(start).getUTCFullYear() + 1;
    const lastYear = new Date(end).getUTCFullYear();
    const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 10));
    for (let year = firstYear; year <= lastYear; year += step) {
      const tx = x(Date.UTC(year, 0, 1));
      picture_.appendChild(svg('line', { x1: tx, x2: tx, y1: axisY - 4, y2: axisY + 4, class: 'axis' }));
      picture_.appendChild(svg('text', { x: tx, y: axisY + 18, class: 'tick', 'text-anchor': 'middle' }, String(year)));
    }
    // The evaluation date
    picture_.appendChild(svg('line', { x1: x(end), x2: x(end), y1: 20, y2: axisY, class: 'today' }));
    picture_.appendChild(svg('text', { x: x(end), y: 14, class: 'tick', 'text-anchor': 'end' }, timeline.evaluationDate));
    // The current pregnancy, from its start to the evaluation date
    if (timeline.pregnancy && timeline.pregnancy.start) {
      const px = x(day(timeline.pregnancy.start));
      const bar = svg('rect', {
        x: px, y: rows.pregnancies - 9, width: Math.max(4, x(end) - px), height: 18, rx: 4, class: 'pregnancy',
        'data-start': timeline.pregnancy.start
      });
      bar.appendChild(svg('title', {}, 'Current pregnancy since ' + timeline.pregnancy.start +
        (timeline.pregnancy.gestation ? ', ' + timeline.pregnancy.gestation + ' weeks' : '')));
      picture_.appendChild(bar);
    }
    // Pregnancy outcomes: losses red, live births green, others grey
    const lanes = [rows.pregnancies - 14, rows.pregnancies + 24, rows.pregnancies - 28, rows.pregnancies + 38];
    const laneEnds = lanes.map(() => -Infinity);
    const gap = 8;
    events.forEach(event => {
      const ex = x(day(event.date));
      const colour = event.loss ? EVENT_COLOURS.loss : EVENT_COLOURS[event.kind] || EVENT_COLOURS.other;
      const group = svg('g', { class: 'event', 'data-kind': event.kind, 'data-date': event.date, 'data-loss': event.loss });
      group.appendChild(svg('circle', { cx: ex, cy: rows.pregnancies, r: 7, fill: colour }));
      group.appendChild(svg('title', {}, event.date + ': ' + event.label));
      picture_.appendChild(group);
      const text = svg('text', { x: ex, y: lanes[0], class: 'event-label', 'text-anchor': 'middle' },
        event.label.replace(/ at (\d+) weeks/, ' $1w') + ' ' + event.date.slice(0, 4));
      group.appendChild(text);
      const half = (text.getComputedTextLength() || text.textContent.length * 6.5) / 2;
      const cx = Math.min(Math.max(ex, left + half), width - 2 - half);
      const lane = laneEnds.findIndex(laneEnd => cx - half >= laneEnd + gap);
      if (lane < 0) {
        text.remove();
        group.dataset.label = 'tooltip';
        return;
      }
      text.setAttribute('x', cx);
      text.setAttribute('y', lanes[lane]);
      laneEnds[lane] = cx + half;
    });
    // Work-up items as diamonds, coloured by kind; the date and label in the tooltip
    // Items of one day are stacked about the row (0, -16, +16, -32, +32 px), so none hides another.
    const sameDay = {};
    items.forEach(item => {
      const ix = x(day(item.date));
      const k = sameDay[item.date] = (sameDay[item.date] === undefined ? 0 : sameDay[item.date] + 1);
      const y = rows.workUp + (k === 0 ? 0 : (k % 2 ? -1 : 1) * 16 * Math.min(2, Math.ceil(k / 2)));
      const group = svg('g', { class: 'item', 'data-category': item.category, 'data-date': item.date });
      group.appendChild(svg('path', {
        d: 'M' + ix + ' ' + (y - 7) + ' l7 7 l-7 7 l-7 -7 z', fill: CATEGORY_COLOURS[item.category] || '#6e7781'
      }));
      group.appendChild(svg('title', {}, item.date + ': ' + item.category + ', ' + itemText(item)));
      picture_.appendChild(group);
    });
    if (earlier) {
      const note = document.createElement('div');
      note.className = 'earlier';
      note.textContent = plural(earlier, 'record') + ' before ' + new Date(start).toISOString().slice(0, 10) +
        ' ' + (earlier === 1 ? 'is' : 'are') + ' in the list only.';
      picture.appendChild(note);
    }
    if (timeline.workUp.length) {
      picture.appendChild(workUpList(kinds));
    }
  }

  async function post(url, request) {
    const response = await fetch(url, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request)
    });
    let body = {};
    try {
      body = await response.json();
    } catch (e) {
      body = {};
    }
    return { ok: response.ok, status: response.status, body };
  }

  function failure(answer) {
    let text = 'The service answered HTTP ' + answer.status + ': ' + (answer.body.message || '');
    if (answer.body.missing) {
      text += ' (' + Object.entries(answer.body.missing).map(([k, v]) => k + ': ' + v).join('; ') + ')';
    }
    return text;
  }

  // Opens a chart: its cards and its timeline, from one evaluation.
  async function show(name, hook, request) {
    const service = serviceFor(hook);
    showView('charts');
    title.textContent = name;
    header.hidden = true;
    timelineBox.hidden = true;
    cardsBox.innerHTML = '';
    auditPatient = null;
    audit.hidden = true;
    ordering.hidden = !isOrderHook(hook);
    if (isOrderHook(hook) && request.context && request.context.draftOrders) {
      renderPad(request);
    }
    if (!service) {
      status.textContent = 'No service of this deployment answers the ' + hook + ' hook.';
      return;
    }
    status.textContent = 'Opening chart...';
    // One evaluation answers both: the cards as the hook call gives them, and the timeline.
    const chart = await post('/cds-services/' + service.id + '/chart', request);
    if (!chart.ok) {
      status.textContent = failure(chart);
      return;
    }
    if (chart.body.timeline) {
      renderHeader(name, chart.body.timeline);
      renderTimeline(chart.body.timeline);
    }
    const cards = chart.body.cards;
    status.textContent = plural(cards.length, 'card');
    if (!cards.length) {
      cardsBox.innerHTML = isOrderHook(hook)
        ? '<p class="empty">No card on this order: nothing to add before it is signed.</p>'
        : '<p class="empty">No card applies to this patient.</p>';
    }
    cards.forEach(card => cardsBox.appendChild(renderCard(service, card, isOrderHook(hook))));
    auditPatient = request.context.patientId;
    audit.hidden = false;
    if (audit.open) {
      loadAudit();
    }
  }

  // The address of a chart: the demo patient's, or without her for one pasted in.
  function chartAddress(patientId, hook) {
    const draft = isOrderHook(hook) && draftSelect.value !== PASTED ? '&draft=' + encodeURIComponent(draftSelect.value) : '';
    return '?' + (patientId ? 'patient=' + encodeURIComponent(patientId) + '&' : '') + 'hook=' + encodeURIComponent(hook) + draft;
  }

  function openDemo(patientId, hook, push) {
    const patient = demoPatients.find(p => p.id === patientId);
    openPatient = patientId;
    openOwn = null;
    offerPastedDrafts(null);
    document.querySelectorAll('.patients button[data-patient]').forEach(b =>
      b.setAttribute('aria-pressed', String(b.dataset.patient === patientId)));
    if (push) {
      history.pushState({ patient: patientId, hook }, '', chartAddress(patientId, hook));
    }
    if (!patient) {
      title.textContent = 'No demo patient ' + patientId;
      status.textContent = 'Pick one from the list.';
      return Promise.resolve();
    }
    const request = {
      hook,
      hookInstance: uuid(),
      fhirServer: location.origin + '/fhir',
      context: { userId: 'Practitioner/demo', patientId: patient.id }
    };
    return show(patient.name + ' (born ' + patient.birthDate + ')', hook, isOrderHook(hook) ? withDraftOrders(request) : request);
  }

  // A pasted chart as a hook request: a prefetch object under the service's keys; a Bundle sorted
  // into the service's prefetch keys by resource type.
  function requestFrom(pasted, service) {
    let prefetch;
    if (pasted.resourceType === 'Bundle') {
      const resources = (pasted.entry || []).map(e => e.resource).filter(Boolean);
      prefetch = {};
      Object.entries(service.prefetch || {}).forEach(([key, template]) => {
        const type = template.split(/[/?]/)[0];
        const ofType = resources.filter(r => r.resourceType === type);
        prefetch[key] = template.includes('?')
          ? { resourceType: 'Bundle', type: 'searchset', total: ofType.length, entry: ofType.map(resource => ({ resource })) }
          : (ofType[0] || null);
      });
    } else if (pasted.resourceType) {
      throw new Error('a ' + pasted.resourceType + ' alone is not a chart: send a Bundle');
    } else {
      prefetch = pasted;
    }
    const patient = prefetch.patient || Object.values(prefetch).find(v => v && v.resourceType === 'Patient');
    if (!patient || !patient.id) {
      throw new Error('no Patient with an id found');
    }
    const request = {
      hook: service.hook, hookInstance: uuid(),
      context: { userId: 'Practitioner/viewer', patientId: patient.id }, prefetch
    };
    return isOrderHook(service.hook) ? withDraftOrders(request) : request;
  }

  function patientName(request) {
    const patient = Object.values(request.prefetch || {}).find(v => v && v.resourceType === 'Patient');
    const name = patient && patient.name && patient.name[0];
    const text = name ? (name.text || [].concat(name.given || []).concat(name.family || []).join(' ')) : '';
    return (text || 'Patient ' + request.context.patientId) + ' (your data)';
  }

  // Whether a pasted document is a whole hook request rather than a chart.
  function isRequest(pasted) {
    return Boolean(pasted && pasted.hook && pasted.context);
  }

  // The request that opens a pasted document under the hook: a whole request as pasted under its
  // own hook (in ordering mode while its own drafts are picked); else her chart under that hook,
  // with the draft picked from the list.
  function ownRequest(pasted, hook) {
    if (isRequest(pasted)) {
      const ownDrafts = !isOrderHook(pasted.hook) || draftSelect.value === PASTED;
      if (ownDrafts && (pasted.hook === hook || (isOrderHook(pasted.hook) && isOrderHook(hook)))) {
        return pasted;
      }
      const request = {
        hook, hookInstance: uuid(),
        context: { userId: pasted.context.userId || 'Practitioner/viewer', patientId: pasted.context.patientId }
      };
      ['fhirServer', 'fhirAuthorization', 'prefetch'].forEach(key => {
        if (pasted[key] !== undefined) {
          request[key] = pasted[key];
        }
      });
      return isOrderHook(hook) ? withDraftOrders(request) : request;
    }
    const service = serviceFor(hook);
    if (!service) {
      throw new Error('no service answers the ' + hook + ' hook');
    }
    return requestFrom(pasted, service);
  }

  // Opens a pasted document under the hook; the address names the hook (and draft), never her.
  async function openOwnDocument(pasted, hook) {
    let request;
    try {
      request = ownRequest(pasted, hook);
    } catch (e) {
      title.textContent = 'Your own patient';
      status.textContent = 'Cannot read this JSON: ' + e.message + '.';
      return;
    }
    openOwn = pasted;
    openPatient = null;
    document.querySelectorAll('.patients button[data-patient]').forEach(b => b.setAttribute('aria-pressed', 'false'));
    setMode(request.hook);
    history.pushState({ own: true }, '', chartAddress(null, request.hook));
    await show(patientName(request), request.hook, request);
  }

  // "Show her cards": the document pasted, opened anew; a whole request under its own hook.
  function showOwn() {
    let pasted;
    try {
      pasted = JSON.parse(ownJson.value);
      if (pasted === null || typeof pasted !== 'object') {
        throw new Error('not a JSON object');
      }
    } catch (e) {
      title.textContent = 'Your own patient';
      status.textContent = 'Cannot read this JSON: ' + e.message + '.';
      return;
    }
    const ordered = isRequest(pasted) && isOrderHook(pasted.hook) && pasted.context.draftOrders;
    offerPastedDrafts(ordered ? pasted : null);
    return openOwnDocument(pasted, isRequest(pasted) ? pasted.hook : mode());
  }

  ownFile.addEventListener('change', async () => {
    if (ownFile.files.length) {
      ownJson.value = await ownFile.files[0].text();
      showOwn();
    }
  });
  document.getElementById('own-show').addEventListener('click', showOwn);

  function fromAddress() {
    const params = new URLSearchParams(location.search);
    if (params.get('view') === 'usage') {
      usageFrom.value = params.get('from') || '';
      usageTo.value = params.get('to') || '';
      usagePeriod.value = ['day', 'week', 'month'].includes(params.get('period')) ? params.get('period') : 'month';
      showUsage(false);
      return;
    }
    showView('charts');
    const hook = params.get('hook') || 'patient-view';
    if (params.get('draft') && DRAFTS.some(d => d.key === params.get('draft'))) {
      draftSelect.value = params.get('draft');
    }
    setMode(hook);
    if (params.get('patient')) {
      openDemo(params.get('patient'), hook, false);
    }
  }

  // ---- Views: the charts, or the usage report

  function showView(name) {
    const usage = name === 'usage';
    usageView.hidden = !usage;
    chartView.hidden = usage;
    document.getElementById('view-usage').setAttribute('aria-selected', String(usage));
    document.getElementById('view-charts').setAttribute('aria-selected', String(!usage));
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = {};
    try {
      body = await response.json();
    } catch (e) {
      body = {};
    }
    return { ok: response.ok, status: response.status, body };
  }

  // ---- The open patient's audit list: her calls the audit trail holds, the latest first

  const AUDIT_ROWS = 20;
  const HOOK_SYSTEM = 'http://recurrent-miscarriage-cds.org/fhir/CodeSystem/hook';
  const CALL_SYSTEM = 'http://recurrent-miscarriage-cds.org/fhir/CodeSystem/call-kind';

  function auditRow(event) {
    const subtypes = event.subtype || [];
    const hook = (subtypes.find(c => c.system === HOOK_SYSTEM) || {}).code || '';
    const kind = (subtypes.find(c => c.system === CALL_SYSTEM) || {}).code || '';
    const counts = { shown: 0, silent: 0, snoozed: 0 };
    (event.entity || []).forEach(entity => (entity.detail || []).forEach(detail => {
      if (detail.type === 'disposition' && counts[detail.valueString] !== undefined) {
        counts[detail.valueString]++;
      }
    }));
    const recorded = Date.parse(event.recorded);
    const row = document.createElement('tr');
    row.dataset.id = event.id;
    [
      isNaN(recorded) ? String(event.recorded || '') : new Date(recorded).toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
      kind === 'hook' ? hook : hook + ' (viewer ' + kind + ')',
      event.outcomeDesc || '',
      String(counts.shown), String(counts.silent), String(counts.snoozed)
    ].forEach(text => {
      const cell = document.createElement('td');
      cell.textContent = oneLine(text, WORDS);
      row.appendChild(cell);
    });
    return row;
  }

  async function loadAudit() {
    const patient = auditPatient;
    if (!patient) {
      return;
    }
    auditRows.innerHTML = '';
    auditStatus.textContent = 'Reading the audit trail...';
    const search = '/governance/AuditEvent?patient=' + encodeURIComponent(patient) + '&_count=' + AUDIT_ROWS;
    let answer = await getJson(search);
    if (answer.ok && answer.body.total > AUDIT_ROWS) {
      answer = await getJson(search + '&_offset=' + (answer.body.total - AUDIT_ROWS));
    }
    if (patient !== auditPatient) {
      return;
    }
    if (!answer.ok) {
      auditStatus.textContent = 'The audit trail answered HTTP ' + answer.status + ': ' + oneLine(answer.body.message || '', WORDS);
      return;
    }
    const events = (answer.body.entry || []).map(entry => entry.resource).filter(Boolean).reverse();
    events.forEach(event => auditRows.appendChild(auditRow(event)));
    const total = answer.body.total || 0;
    auditStatus.textContent = plural(total, 'call') + ' of Patient/' + oneLine(patient, WORDS) + ' on record' +
      (total > events.length ? ', the latest ' + events.length + ' shown' : '') + ', newest first.';
  }

  audit.addEventListener('toggle', () => {
    if (audit.open) {
      loadAudit();
    }
  });

  // ---- The usage report: per recommendation, cards shown, silent and snoozed, and feedback

  function usageRow(row) {
    const tr = document.createElement('tr');
    tr.dataset.rule = row.rule;
    const counts = row.counts || {};
    const reasons = Object.entries(counts.reasons || {}).filter(([, n]) => n > 0).map(([code, n]) => code + ' ' + n);
    const name = document.createElement('td');
    const id = document.createElement('span');
    id.className = 'rule-id';
    id.textContent = row.rule;
    name.appendChild(id);
    if (row.title && row.title !== row.rule) {
      name.appendChild(document.createTextNode(' ' + oneLine(row.title, WORDS)));
    }
    tr.appendChild(name);
    [row.mode, counts.shown, counts.silent, counts.snoozed, counts.accepted, counts.overridden,
      reasons.length ? reasons.join(', ') : '-'].forEach((value, i) => {
      const cell = document.createElement('td');
      cell.textContent = String(value === undefined ? '' : value);
      if (i > 0 && i < 6) {
        cell.className = 'count';
      }
      tr.appendChild(cell);
    });
    const nothing = ['shown', 'silent', 'snoozed', 'accepted', 'overridden'].every(key => !counts[key]);
    if (nothing) {
      tr.className = 'nothing';
    }
    return tr;
  }

  function usageTable(rows, caption) {
    const table = usageTotal.cloneNode(true);
    table.removeAttribute('id');
    table.hidden = false;
    table.querySelector('caption').textContent = caption;
    const body = table.querySelector('tbody');
    body.innerHTML = '';
    rows.forEach(row => body.appendChild(usageRow(row)));
    return table;
  }

  async function showUsage(push) {
    showView('usage');
    usageStatus.textContent = 'Reading the usage report...';
    const params = new URLSearchParams();
    if (usageFrom.value) {
      params.set('from', usageFrom.value);
    }
    if (usageTo.value) {
      params.set('to', usageTo.value);
    }
    params.set('period', usagePeriod.value);
    if (push) {
      history.pushState({ usage: true }, '', '?view=usage&' + params.toString());
    }
    const answer = await getJson('/governance/usage?' + params.toString());
    if (!answer.ok) {
      usageTotal.hidden = true;
      usagePeriods.innerHTML = '';
      usageStatus.textContent = 'The usage report answered HTTP ' + answer.status + ': ' + oneLine(answer.body.message || '', WORDS);
      return;
    }
    const report = answer.body;
    usageFrom.value = report.from;
    usageTo.value = report.to;
    usagePeriod.value = report.period;
    const body = usageTotal.querySelector('tbody');
    body.innerHTML = '';
    (report.total || []).forEach(row => body.appendChild(usageRow(row)));
    usageTotal.hidden = false;
    usagePeriods.innerHTML = '';
    const counted = (report.periods || []).filter(period => period.rules && period.rules.length).reverse();
    if (counted.length) {
      const heading = document.createElement('h3');
      heading.textContent = 'By ' + report.period + ', the latest first';
      usagePeriods.appendChild(heading);
    }
    counted.forEach(period => {
      const box = document.createElement('details');
      box.dataset.start = period.start;
      const summary = document.createElement('summary');
      const span = period.start === period.end ? period.start : period.start + ' to ' + period.end;
      summary.textContent = span + ': ' + plural(period.rules.length, 'recommendation') + ' with anything counted';
      box.append(summary, usageTable(period.rules, span));
      usagePeriods.appendChild(box);
    });
    usageStatus.textContent = 'Usage from ' + report.from + ' to ' + report.to + ' by ' + report.period + ': ' +
      plural(counted.length, report.period) + ' with anything counted.' +
      (report.auditTrail ? '' : ' The audit trail is off: cards shown, silent and snoozed are not counted, feedback is.');
  }

  document.getElementById('view-usage').addEventListener('click', () => showUsage(true));
  document.getElementById('usage-show').addEventListener('click', () => showUsage(true));
  document.getElementById('view-charts').addEventListener('click', () => {
    showView('charts');
    history.pushState({}, '', openPatient || openOwn ? chartAddress(openPatient, mode()) : '/');
  });

  // The chart open, opened again under the mode picked: a demo patient, or the one pasted in.
  function reopen() {
    if (openOwn) {
      openOwnDocument(openOwn, mode());
    } else if (openPatient) {
      openDemo(openPatient, mode(), true);
    }
  }
  document.querySelectorAll('input[name="mode"]').forEach(radio => radio.addEventListener('change', () => {
    setMode(mode());
    reopen();
  }));
  function reopenOrder() {
    if (isOrderHook(mode())) {
      reopen();
    }
  }
  draftSelect.addEventListener('change', reopenOrder);
  document.getElementById('sign').addEventListener('click', reopenOrder);
  window.addEventListener('popstate', fromAddress);

  Promise.all([
    fetch('/cds-services').then(r => r.json()).then(d => { services = d.services || []; }),
    fetch('/demo/patients').then(r => r.ok ? r.json() : []).catch(() => [])
  ]).then(([, patients]) => {
    demoPatients = patients;
    if (!patients.length) {
      status.textContent = 'No demo patients here (the demo profile is off): paste your own.';
    }
    patients.forEach(patient => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.dataset.patient = patient.id;
      button.innerHTML = '<span class="name"></span> <span class="id"></span><span class="scenario"></span>';
      button.querySelector('.name').textContent = patient.name;
      button.querySelector('.id').textContent = patient.id;
      button.querySelector('.scenario').textContent = patient.scenario;
      button.addEventListener('click', () => openDemo(patient.id, mode(), true));
      item.appendChild(button);
      patientsList.appendChild(item);
    });
    fromAddress();
  }).catch(() => { status.textContent = 'The service did not answer discovery.'; });
})();
