// Order form: shows each line's discount (list − net, and as a share of list) while amounts are typed.
// The server shows the same figures after saving (with the table's data-currency, as MoneyFormat writes them);
// this only saves a round trip.

const format = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function update(row) {
  const list = parseFloat(row.querySelector('[data-line-list]')?.value ?? '');
  const net = parseFloat(row.querySelector('[data-line-net]')?.value ?? '');
  const output = row.querySelector('[data-line-discount]');
  if (!output) return;
  if (Number.isFinite(list) && Number.isFinite(net) && list > 0) {
    const discount = list - net;
    const currency = row.closest('[data-order-lines]')?.dataset.currency;
    const amount = format.format(Math.abs(discount));
    const money = currency ? `${discount < 0 ? '-' : ''}${currency} ${amount}` : format.format(discount);
    output.textContent = `${money} (${(Math.round((discount * 1000) / list) / 10).toFixed(1)}%)`;
  } else {
    output.textContent = '—';
  }
}

document.addEventListener('input', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.matches('[data-line-list], [data-line-net]')) return;
  const row = input.closest('tr');
  if (row && row.closest('[data-order-lines]')) update(row);
});
