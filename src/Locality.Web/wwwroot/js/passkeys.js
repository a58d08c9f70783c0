// Passkeys: adding one, and signing in or confirming it is you with one. Each form marked data-passkey stays hidden
// unless this browser can use passkeys here; then its button asks the site for the options, hands them to the
// browser's authenticator, and sends back what the authenticator answered. The site's answer is where to go next, or
// what went wrong, which is shown in the GOV.UK error summary at the top of the form.

const words = {
  NotAllowedError: 'The passkey was not used. It may have been cancelled, or it took too long. Try again',
  InvalidStateError: 'That passkey is already added to your account. Use another passkey',
  SecurityError: 'Passkeys cannot be used on this web address. Use another way to sign in',
  AbortError: 'The passkey was not used. Try again',
  tooMany: 'You have tried too many times. Wait a minute, then try again',
  failed: 'The passkey could not be used. Try again, or use another way to sign in',
  enterName: 'Enter a name for the passkey, such as Work phone'
}

const canUsePasskeys = () =>
  window.isSecureContext && typeof window.PublicKeyCredential === 'function' &&
  !!navigator.credentials && typeof navigator.credentials.create === 'function' && typeof window.fetch === 'function'

function fromBase64Url (text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4)
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes.buffer
}

function toBase64Url (buffer) {
  let binary = ''
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

// The site's options hold empty entries as null, which the browser would refuse; they are left out instead.
function withoutNulls (value) {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (value === null || typeof value !== 'object') return value
  const kept = {}
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null && entry !== undefined) kept[key] = withoutNulls(entry)
  }
  return kept
}

const withIds = list => (list || []).map(item => ({ ...item, id: fromBase64Url(item.id) }))

function creationOptions (json) {
  const options = withoutNulls(json)
  return { ...options, challenge: fromBase64Url(options.challenge), user: { ...options.user, id: fromBase64Url(options.user.id) }, excludeCredentials: withIds(options.excludeCredentials) }
}

function requestOptions (json) {
  const options = withoutNulls(json)
  return { ...options, challenge: fromBase64Url(options.challenge), allowCredentials: withIds(options.allowCredentials) }
}

// What the authenticator made, as the WebAuthn JSON the site reads.
function credentialJson (credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON()
  const response = credential.response
  const json = {
    id: credential.id,
    rawId: toBase64Url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || null,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: { clientDataJSON: toBase64Url(response.clientDataJSON) }
  }
  if (response.attestationObject) {
    json.response.attestationObject = toBase64Url(response.attestationObject)
    json.response.transports = typeof response.getTransports === 'function' ? response.getTransports() : []
  } else {
    json.response.authenticatorData = toBase64Url(response.authenticatorData)
    json.response.signature = toBase64Url(response.signature)
    json.response.userHandle = response.userHandle ? toBase64Url(response.userHandle) : null
  }
  return json
}

function clearErrors (form) {
  const summary = form.querySelector('[data-passkey-errors]')
  summary.hidden = true
  form.querySelector('[data-passkey-error-list]').replaceChildren()
  const group = form.querySelector('[data-passkey-name-group]')
  if (group) {
    group.classList.remove('govuk-form-group--error')
    group.querySelector('input').classList.remove('govuk-input--error')
    group.querySelector('input').setAttribute('aria-describedby', 'passkey-name-hint')
    const message = group.querySelector('[data-passkey-name-error]')
    message.hidden = true
    message.replaceChildren()
  }
}

function showError (form, message, field) {
  const list = form.querySelector('[data-passkey-error-list]')
  const item = document.createElement('li')
  const group = field === 'Name' ? form.querySelector('[data-passkey-name-group]') : null
  if (group) {
    const input = group.querySelector('input')
    const link = document.createElement('a')
    link.href = '#' + input.id
    link.textContent = message
    item.append(link)
    group.classList.add('govuk-form-group--error')
    input.classList.add('govuk-input--error')
    input.setAttribute('aria-describedby', 'passkey-name-hint passkey-name-error')
    const fieldMessage = group.querySelector('[data-passkey-name-error]')
    const hidden = document.createElement('span')
    hidden.className = 'govuk-visually-hidden'
    hidden.textContent = 'Error: '
    fieldMessage.replaceChildren(hidden, message)
    fieldMessage.hidden = false
  } else {
    item.textContent = message
  }
  list.append(item)
  const summary = form.querySelector('[data-passkey-errors]')
  summary.hidden = false
  summary.focus()
}

async function post (form, url, body) {
  const token = form.querySelector('input[name="__RequestVerificationToken"]')
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', RequestVerificationToken: token ? token.value : '' },
    body: JSON.stringify(body || {})
  })
  if (response.status === 429) return { ok: false, answer: { message: words.tooMany } }
  let answer = null
  try {
    answer = await response.json()
  } catch {
    answer = null
  }
  return { ok: response.ok && answer !== null, answer: answer || { message: words.failed } }
}

async function run (form) {
  clearErrors(form)
  const nameInput = form.querySelector('input[name="Name"]')
  const name = nameInput ? nameInput.value.trim() : null
  if (nameInput && name === '') {
    showError(form, words.enterName, 'Name')
    return
  }

  const options = await post(form, form.dataset.options)
  if (!options.ok) {
    showError(form, options.answer.message, options.answer.field)
    return
  }

  let credential
  try {
    credential = form.dataset.passkey === 'create'
      ? await navigator.credentials.create({ publicKey: creationOptions(options.answer) })
      : await navigator.credentials.get({ publicKey: requestOptions(options.answer) })
  } catch (error) {
    showError(form, words[error && error.name] || words.failed)
    return
  }

  const body = { credential: credentialJson(credential) }
  if (nameInput) body.name = name
  if (form.dataset.returnUrl) body.returnUrl = form.dataset.returnUrl
  const finished = await post(form, form.action, body)
  if (finished.ok && typeof finished.answer.redirect === 'string' && finished.answer.redirect.startsWith('/') && !finished.answer.redirect.startsWith('//')) {
    window.location.assign(finished.answer.redirect)
    return
  }
  showError(form, finished.answer.message || words.failed, finished.answer.field)
}

if (canUsePasskeys()) {
  for (const note of document.querySelectorAll('[data-passkey-unavailable]')) note.hidden = true
  for (const form of document.querySelectorAll('form[data-passkey]')) {
    if (form.dataset.passkeyReady) continue
    form.dataset.passkeyReady = 'true'
    form.hidden = false
    let busy = false
    form.addEventListener('submit', async event => {
      event.preventDefault()
      if (busy) return
      busy = true
      try {
        await run(form)
      } catch {
        showError(form, words.failed)
      } finally {
        busy = false
      }
    })
  }
}
