// MedTech Accounts: behaviour shared by every page, loaded as an ES module by _Layout.
//
// The Content-Security-Policy allows scripts from this site only, so views never carry inline
// <script> or on*="" handlers. They declare behaviour with data attributes instead, handled here
// once for the whole document (event delegation, so content added later works too):
//
//   data-confirm="Question?"   on a <form>, a submit <button> or an <a>: asks before going on.
//   data-print                 on a <button>: prints the page (attendance sheets).
//   data-autosubmit            on a <select> or <input> in a form: submits the form on change.
//                              Give the form's own submit button class "autosubmit-fallback"
//                              to hide it when JavaScript runs (it stays for no-JS users).

// Lets CSS tell that scripts run (see .js .autosubmit-fallback in site.css).
document.documentElement.classList.add('js');

/** Asks the question in data-confirm; true when there is none or the user agrees. */
export function confirmed(element) {
  const question = element?.dataset?.confirm;
  return !question || window.confirm(question);
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  // The button that submitted the form may ask its own question; otherwise the form's.
  const submitter = event.submitter;
  const asker = submitter?.dataset?.confirm ? submitter : form;
  if (!confirmed(asker)) {
    event.preventDefault();
  }
});

document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) {
    window.print();
    return;
  }
  const link = event.target instanceof Element ? event.target.closest('a[data-confirm]') : null;
  if (link && !confirmed(link)) {
    event.preventDefault();
  }
});

document.addEventListener('change', (event) => {
  const control = event.target;
  if (!(control instanceof Element) || !control.matches('[data-autosubmit]')) return;
  const form = control.form;
  if (form) {
    // requestSubmit (unlike submit) runs validation and the submit listener above.
    form.requestSubmit();
  }
});
