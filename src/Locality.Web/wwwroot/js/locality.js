// Marks the page as having JavaScript, then starts the GOV.UK Frontend components.
// Everything works without this file: it only adds the Design System's enhancements.
import { initAll, isSupported } from '/lib/govuk-frontend/govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if (isSupported()) {
  document.body.classList.add('govuk-frontend-supported')
  initAll()
}
