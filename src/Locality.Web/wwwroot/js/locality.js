// Marks the page as having JavaScript, then starts the GOV.UK Frontend components. A browser that runs this
// module supports what GOV.UK Frontend needs. Everything works without this file: it only adds enhancements.
import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
