// The import progress bar: polls the progress endpoint and, when reading is done, loads the page with the results.
// Without JavaScript the page refreshes itself (a meta refresh inside <noscript>).
const box = document.querySelector('[data-import-progress]');
if (box) {
  const bar = box.querySelector('progress');
  const status = box.querySelector('[data-import-status]');
  const poll = async () => {
    try {
      const res = await fetch(box.dataset.importProgress, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const p = await res.json();
        bar.value = p.percent;
        bar.textContent = `${p.percent}%`;
        status.textContent = `${p.processed} rows read (${p.percent}%).`;
        if (p.status !== 'reading') return window.location.assign(box.dataset.importPage);
      }
    } catch {
      // try again
    }
    setTimeout(poll, 700);
  };
  setTimeout(poll, 300);
}
