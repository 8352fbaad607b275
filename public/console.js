// The staff console's two small behaviours, in a file because the console's Content Security
// Policy allows no inline script: buttons marked data-print print the page, and a form marked
// data-confirm asks before it sends (withdrawing invitations cannot be undone).
document.addEventListener('click', (event) => {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
document.addEventListener('submit', (event) => {
  const question = event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
