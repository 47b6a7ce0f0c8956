// The chronology's Print button: shown only when the script runs (without it, the browser's own print command works
// just as well, with the same print stylesheet).
for (const button of document.querySelectorAll('[data-module="jigsaw-print"]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
