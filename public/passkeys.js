// Passkeys (WebAuthn) for the sign-in pages, with @simplewebauthn/browser (served as
// /javascripts/vendor/index.umd.min.js, which sets window.SimpleWebAuthnBrowser). No inline script: each button
// carries its endpoints and the page's CSRF token in data- attributes. Without JavaScript or WebAuthn the buttons
// stay hidden and the security code form is there as before.
const webauthn = window.SimpleWebAuthnBrowser;

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || data.detail || 'Something went wrong. Reload the page and try again.');
  return data;
}

function showError(container, message) {
  const box = container.querySelector('[data-passkey-error]');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
  box.focus();
}

for (const button of document.querySelectorAll('[data-passkey]')) {
  const container = button.closest('[data-passkey-container]') || document.body;
  if (!webauthn || !webauthn.browserSupportsWebAuthn()) continue;
  container.hidden = false;
  button.addEventListener('click', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const csrf = button.dataset.csrf;
    try {
      const optionsJSON = await post(button.dataset.optionsUrl, { _csrf: csrf });
      const response =
        button.dataset.passkey === 'register' ? await webauthn.startRegistration({ optionsJSON }) : await webauthn.startAuthentication({ optionsJSON });
      const nameInput = container.querySelector('[data-passkey-name]');
      const result = await post(button.dataset.url, { _csrf: csrf, response, name: nameInput ? nameInput.value : 'Passkey' });
      window.location.assign(result.next);
    } catch (err) {
      const cancelled = err && (err.name === 'NotAllowedError' || err.name === 'AbortError');
      showError(container, cancelled ? 'The passkey request was cancelled or timed out. Try again.' : err.message);
      button.disabled = false;
    }
  });
}
