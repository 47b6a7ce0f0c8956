// The screening form's running score (progressive enhancement: without JavaScript, "Show the score" asks the server).
// The same rules as the server's scoreScreening: points by group and answer; a forcing incident gives the top level.
const form = document.querySelector('[data-qa=screening-form][data-scoring]');
if (form) {
  const rules = JSON.parse(form.dataset.scoring);
  const score = form.querySelector('[data-score]');
  const level = form.querySelector('[data-level]');
  const forced = form.querySelector('[data-forced]');
  const answerOf = (key) => form.querySelector(`input[name="answers.${key}"]:checked`)?.value;
  const update = () => {
    let total = 0;
    for (const [key, group] of Object.entries(rules.groups)) total += rules.points[group]?.[answerOf(key)] ?? 0;
    const isForced = rules.incidents.some((key) => rules.forcing.includes(answerOf(key)));
    const band = rules.bands.find((b) => total >= b.min && (b.max === null || total <= b.max));
    score.textContent = String(total);
    level.textContent = rules.words[isForced ? 'significant' : band?.level] ?? '';
    forced.hidden = !isForced;
  };
  form.addEventListener('change', update);
  // The server's answer is shown already; the button is not needed with JavaScript.
  const button = form.querySelector('[data-qa=show-score]');
  if (button) button.style.display = 'none';
}
